namespace StreamEngine.LoadGenerator.Firehose;

/// <summary>Words of one language for the post templates: openers, sentiment-bearing words, connectors and filler.</summary>
internal sealed record Phrasebook(
    string[] Openers,
    string[] Positive,
    string[] Negative,
    string[] Neutral,
    string[] Connectors,
    string[] OffTopic,
    string[] Filler)
{
    public static readonly IReadOnlyDictionary<string, Phrasebook> ByLanguage = new Dictionary<string, Phrasebook>(StringComparer.Ordinal)
    {
        ["en"] = new(
            ["Just tried", "Honestly", "Can't believe", "Thinking about", "Shoutout to", "Ugh,", "PSA:", "Anyone else using", "Day 3 with", "Update on"],
            ["love it", "amazing", "great value", "would buy again", "so good", "best ever", "10/10", "impressed"],
            ["terrible", "so disappointed", "never again", "awful", "waste of money", "worst experience", "furious", "broken promises"],
            ["meh", "it's fine", "not sure yet", "as expected", "no opinion", "we'll see"],
            ["the", "their", "my", "that", "this"],
            ["my phone", "the weather", "this coffee", "the game last night", "my commute", "the new series"],
            ["really", "today", "again", "lol", "tbh", "literally", "anyway", "still", "kinda", "maybe", "just", "though"]),
        ["es"] = new(
            ["Acabo de probar", "Sinceramente", "No puedo creer", "Pensando en", "Gracias a"],
            ["me encanta", "genial", "excelente", "lo recomiendo", "increíble"],
            ["decepcionado", "horrible", "nunca más", "pésimo", "qué desastre"],
            ["normal", "ni fu ni fa", "ya veremos"],
            ["el", "la", "su", "mi"],
            ["mi móvil", "el tiempo", "el partido"],
            ["hoy", "otra vez", "jaja", "bueno", "todavía", "quizás"]),
        ["pt"] = new(
            ["Acabei de testar", "Sinceramente", "Não acredito", "Pensando em", "Valeu"],
            ["adorei", "ótimo", "recomendo", "sensacional", "perfeito"],
            ["decepcionado", "péssimo", "nunca mais", "horrível", "que raiva"],
            ["normal", "tanto faz", "vamos ver"],
            ["o", "a", "seu", "meu"],
            ["meu celular", "o jogo", "o trânsito"],
            ["hoje", "de novo", "kkkk", "ainda", "talvez", "né"]),
        ["de"] = new(
            ["Gerade probiert", "Ehrlich gesagt", "Kaum zu glauben", "Nachdenken über", "Danke an"],
            ["super", "großartig", "sehr zufrieden", "empfehlenswert", "klasse"],
            ["enttäuscht", "schrecklich", "nie wieder", "ärgerlich", "Katastrophe"],
            ["geht so", "mal sehen", "ganz okay"],
            ["der", "die", "das", "mein"],
            ["mein Handy", "das Wetter", "das Spiel"],
            ["heute", "schon wieder", "echt", "trotzdem", "vielleicht", "halt"]),
        ["fr"] = new(
            ["Je viens d'essayer", "Franchement", "Incroyable", "En pensant à", "Merci à"],
            ["génial", "très satisfait", "j'adore", "top", "parfait"],
            ["déçu", "nul", "plus jamais", "catastrophique", "inadmissible"],
            ["bof", "correct", "on verra"],
            ["le", "la", "leur", "mon"],
            ["mon téléphone", "la météo", "le match"],
            ["aujourd'hui", "encore", "mdr", "quand même", "peut-être", "bref"]),
        ["it"] = new(
            ["Ho appena provato", "Onestamente", "Non ci credo", "Grazie a"],
            ["fantastico", "adoro", "consigliato", "ottimo"],
            ["deluso", "pessimo", "mai più", "vergognoso"],
            ["così così", "vedremo"],
            ["il", "la", "il mio"],
            ["il mio telefono", "il tempo", "la partita"],
            ["oggi", "ancora", "ahah", "comunque", "forse"]),
        ["ja"] = new(
            ["使ってみた", "正直", "信じられない", "について", "ありがとう"],
            ["最高", "大好き", "おすすめ", "満足"],
            ["残念", "最悪", "もう買わない", "がっかり"],
            ["普通", "まあまあ"],
            ["の", "この"],
            ["スマホ", "天気", "試合"],
            ["今日", "また", "やっぱり", "たぶん"]),
    };

    public static readonly string[] Emoji = ["😀", "😡", "🔥", "👍", "👎", "❤️", "😂", "🙄", "📦", "☕", "💸", "🤔", "✨", "😭", "🚀"];

    public static readonly string[] Hashtags = ["#tbt", "#review", "#fail", "#love", "#deal", "#unboxing", "#mondaymood", "#customerservice", "#ad", "#haul", "#fyp", "#rant"];
}
