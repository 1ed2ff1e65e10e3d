namespace StreamEngine.Domain.Posts;

public static partial class LanguageCode
{
    // ISO 639-2 codes (terminological and bibliographic) of the languages that also have an ISO
    // 639-1 code, each written as its three letters followed by the two: BCP 47 prefers the two, so
    // a post tagged "deu" or "ger" is kept as "de", like one tagged "de". From the ISO 639-2 table of
    // Debian's iso-codes package.
    private const string ThreeLetterToTwo = """
        aaraa abkab afraf akaak albsq amham araar argan armhy asmas avaav aveae aymay azeaz bakba bambm
        baqeu belbe benbn bihbh bisbi bodbo bosbs brebr bulbg burmy catca cescs chach chece chizh chucu
        chvcv corkw cosco crecr cymcy czecs danda deude divdv dutnl dzodz ellel engen epoeo estet euseu
        eweee faofo fasfa fijfj finfi frafr frefr fryfy fulff geoka gerde glagd glega glggl glvgv greel
        grngn gujgu hatht hauha hebhe herhz hinhi hmoho hrvhr hunhu hyehy iboig iceis idoio iiiii ikuiu
        ileie inaia indid ipkik islis itait javjv jpnja kalkl kankn kasks katka kaukr kazkk khmkm kikki
        kinrw kirky komkv konkg korko kuakj kurku laolo latla lavlv limli linln litlt ltzlb lublu luglg
        macmk mahmh malml maomi marmr mayms mkdmk mlgmg mltmt monmn mrimi msams myamy nauna navnv nblnr
        ndend ndong nepne nldnl nnonn nobnb norno nyany ocioc ojioj orior ormom ossos panpa perfa plipi
        polpl porpt pusps quequ rohrm ronro rumro runrn rusru sagsg sansa sinsi slksk slosk slvsl smese
        smosm snasn sndsd somso sotst spaes sqisq srdsc srpsr sswss sunsu swasw swesv tahty tamta tattt
        telte tgktg tgltl thath tibbo tirti tonto tsntn tsots tuktk turtr twitw uigug ukruk urdur uzbuz
        venve vievi volvo welcy wlnwa wolwo xhoxh yidyi yoryo zhaza zhozh zulzu
        """;

    private static readonly Dictionary<string, string> TwoLetterOf = ThreeLetterToTwo
        .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
        .ToDictionary(pair => pair[..3], pair => pair[3..], StringComparer.Ordinal);
}
