using System.Text;
using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Tests;

public sealed class PostParserTests
{
    private const string Full =
        """
        {"id":"p-1","network":"instagram","createdAt":"2026-11-25T14:03:00+02:00","text":"Loving my new Acme boots","lang":"pt-BR",
         "author":{"id":"a-9","handle":"@jo","name":"Jo Silva","followers":1234,"verified":true,"gender":"female","age":31,"country":"de"},
         "engagement":{"likes":10,"shares":2,"comments":3,"views":500},
         "url":"https://example.com/p/1","purchaseDate":"2026-03-14"}
        """;

    private static Post ParseValid(string json)
    {
        var ok = PostParser.TryParse(Encoding.UTF8.GetBytes(json), out var post, out var error);
        Assert.True(ok, $"expected the post to parse, got: {error}");
        Assert.Null(error);
        Assert.NotNull(post);
        return post;
    }

    private static string Rejected(string json)
    {
        var ok = PostParser.TryParse(Encoding.UTF8.GetBytes(json), out var post, out var error);
        Assert.False(ok, "expected the post to be refused");
        Assert.Null(post);
        Assert.False(string.IsNullOrWhiteSpace(error), "a refused post must come with a reason");
        return error;
    }

    [Fact]
    public void Parses_a_full_post()
    {
        var post = ParseValid(Full);

        Assert.Equal("p-1", post.Id);
        Assert.Equal(Network.Instagram, post.Network);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 3, 0, TimeSpan.Zero), post.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(2), post.CreatedAt.Offset);
        Assert.Equal("Loving my new Acme boots", post.Text);
        Assert.Equal("pt", post.Language);
        Assert.Equal(new Author("a-9", "@jo", "Jo Silva", 1234, true, Gender.Female, 31, "DE"), post.Author);
        Assert.Equal(new Engagement(10, 2, 3, 500), post.Engagement);
        Assert.Equal(15, post.Engagement.Total);
        Assert.Equal("https://example.com/p/1", post.Url);
        Assert.Equal(new DateOnly(2026, 3, 14), post.PurchaseDate);
    }

    [Fact]
    public void Parses_a_minimal_post_with_unknowns_and_defaults()
    {
        var post = ParseValid("""{"id":"p-2","createdAt":"2026-11-25T14:03:00Z","text":"hi"}""");

        Assert.Equal("p-2", post.Id);
        Assert.Equal(Network.Unknown, post.Network);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 14, 3, 0, TimeSpan.Zero), post.CreatedAt);
        Assert.Equal("hi", post.Text);
        Assert.Null(post.Language);
        Assert.Equal(new Author(null, null, null, 0, false, Gender.Unknown, null, null), post.Author);
        Assert.Equal(default, post.Engagement);
        Assert.Null(post.Url);
        Assert.Null(post.PurchaseDate);
    }

    [Fact]
    public void Reads_an_empty_string_in_an_optional_field_as_unknown()
    {
        var post = ParseValid(
            """
            {"id":"p-4","createdAt":"2026-11-25T14:03:00Z","text":"hi","network":"","lang":"","purchaseDate":"",
             "author":{"gender":"","country":""}}
            """);

        Assert.Equal(Network.Unknown, post.Network);
        Assert.Null(post.Language);
        Assert.Null(post.PurchaseDate);
        Assert.Equal((Gender.Unknown, (string?)null), (post.Author.Gender, post.Author.Country));
    }

    [Fact]
    public void Accepts_null_for_optional_fields()
    {
        var post = ParseValid(
            """
            {"id":"p-3","createdAt":"2026-11-25T14:03:00Z","text":"hi","network":null,"lang":null,"url":null,
             "purchaseDate":null,"author":{"id":null,"followers":null,"verified":null,"gender":null,"age":null,"country":null},
             "engagement":null}
            """);

        Assert.Equal(Network.Unknown, post.Network);
        Assert.Null(post.Language);
        Assert.Null(post.Url);
        Assert.Null(post.PurchaseDate);
        Assert.Equal(new Author(null, null, null, 0, false, Gender.Unknown, null, null), post.Author);
        Assert.Equal(default, post.Engagement);
    }

    [Theory]
    [InlineData("2026-11-25T14:03:00")]
    [InlineData("2026-11-25T14:03:00.000")]
    public void Treats_a_createdAt_without_offset_as_UTC(string createdAt)
    {
        var post = ParseValid($$"""{"id":"p","createdAt":"{{createdAt}}","text":"t"}""");

        Assert.Equal(TimeSpan.Zero, post.CreatedAt.Offset);
        Assert.Equal(new DateTime(2026, 11, 25, 14, 3, 0, DateTimeKind.Utc), post.CreatedAt.UtcDateTime);
    }

    [Fact]
    public void Keeps_a_negative_offset_of_createdAt()
    {
        var post = ParseValid("""{"id":"p","createdAt":"2026-11-25T14:03:00-03:00","text":"t"}""");

        Assert.Equal(new DateTime(2026, 11, 25, 17, 3, 0, DateTimeKind.Utc), post.CreatedAt.UtcDateTime);
    }

    [Fact]
    public void Reads_a_purchaseDate_given_as_a_date_time_as_its_UTC_date()
    {
        var post = ParseValid("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","purchaseDate":"2026-03-14T23:30:00-02:00"}""");

        Assert.Equal(new DateOnly(2026, 3, 15), post.PurchaseDate);
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("EN-gb", "en")]
    [InlineData("zh_Hant", "zh")]
    [InlineData("fil", "fil")]
    [InlineData("eng", "en")]
    [InlineData("deu", "de")]
    [InlineData("GER-at", "de")]
    [InlineData("fre", "fr")]
    [InlineData("zho", "zh")]
    [InlineData("und", null)]
    [InlineData("mul", null)]
    [InlineData("zxx", null)]
    [InlineData("qme", null)]
    [InlineData("iw", "he")]
    [InlineData("in-ID", "id")]
    [InlineData("ji", "yi")]
    [InlineData("x-Foo", "x-other")] // private use: no language this engine knows, and each producer's own name
    [InlineData("x-bar-00000001", "x-other")]
    [InlineData("i-klingon", "tlh")] // grandfathered, with a code of today
    [InlineData("I-Navajo", "nv")]
    [InlineData("i-mingo", "x-other")]
    public void Keeps_the_primary_language_subtag_in_lower_case_three_letters_as_two_where_a_language_has_both_and_no_language_for_codes_that_name_none(string lang, string? expected)
    {
        var post = ParseValid($$"""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","lang":"{{lang}}"}""");

        Assert.Equal(expected, post.Language);
    }

    [Fact]
    public void Reads_escaped_field_names_and_values_like_plain_ones()
    {
        var post = ParseValid("""
            {"\u0069d":"p","netw\u006Frk":"x","createdAt":"2026-11-25T14:03:00\u005A","text":"t","lang":"p\u0074-BR",
             "author":{"c\u006Funtry":"d\u0065","gender":"f\u0065male"},"purchaseDate":"2026\u002D03-14"}
            """);

        Assert.Equal("p", post.Id);
        Assert.Equal(Network.X, post.Network);
        Assert.Equal(TimeSpan.Zero, post.CreatedAt.Offset);
        Assert.Equal("pt", post.Language);
        Assert.Equal("DE", post.Author.Country);
        Assert.Equal(Gender.Female, post.Author.Gender);
        Assert.Equal(new DateOnly(2026, 3, 14), post.PurchaseDate);
    }

    [Theory]
    [InlineData("2028-02-29", true)]
    [InlineData("2026-02-29", false)]
    [InlineData("2026-04-31", false)]
    [InlineData("0000-01-01", false)]
    [InlineData("2026-1-01", false)]
    [InlineData("2026-01-01 ", false)]
    public void Reads_a_purchaseDate_only_when_it_is_a_real_calendar_day(string date, bool valid)
    {
        var json = $$"""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","purchaseDate":"{{date}}"}""";
        if (valid)
        {
            Assert.Equal(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ParseValid(json).PurchaseDate);
        }
        else
        {
            Assert.Contains("'purchaseDate'", Rejected(json), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Shares_one_string_per_language_and_country_code_across_posts()
    {
        var first = ParseValid("""{"id":"a","createdAt":"2026-11-25T14:03:00Z","text":"t","lang":"ES","author":{"country":"mx"}}""");
        var second = ParseValid("""{"id":"b","createdAt":"2026-11-25T14:03:00Z","text":"t","lang":"es-419","author":{"country":"MX"}}""");

        Assert.Equal("es", first.Language);
        Assert.Equal("MX", first.Author.Country);
        Assert.Same(first.Language, second.Language);
        Assert.Same(first.Author.Country, second.Author.Country);
    }

    [Fact]
    public void Ignores_unknown_fields_at_every_level()
    {
        var post = ParseValid(
            """
            {"extra":{"nested":[1,2,{"a":null}]},"id":"p-4","createdAt":"2026-11-25T14:03:00Z","tags":["x","y"],"text":"t",
             "author":{"bio":{"long":"text"},"id":"a-1","links":["u"]},
             "engagement":{"saves":{"n":5},"likes":7},"score":1.5}
            """);

        Assert.Equal("p-4", post.Id);
        Assert.Equal("t", post.Text);
        Assert.Equal("a-1", post.Author.Id);
        Assert.Equal(7, post.Engagement.Likes);
        Assert.Equal(7, post.Engagement.Total);
    }

    [Fact]
    public void Refuses_bytes_that_are_not_UTF_8_inside_a_value_naming_the_field()
    {
        byte[] line = [.. "{\"id\":\"p\",\"createdAt\":\"2026-11-25T14:03:00Z\",\"text\":\"acme "u8, 0xFF, .. " bytes\"}"u8];

        var ok = PostParser.TryParse(line, out var post, out var error);

        Assert.False(ok);
        Assert.Null(post);
        Assert.StartsWith("'text' holds text that is not valid Unicode", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":1000.0,"shares":1e3,"comments":2.50E1},"author":{"followers":1.2e4,"age":30.0}}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25t14:03:00z","text":"t","engagement":{"likes":1000,"shares":1000,"comments":25},"author":{"followers":12000,"age":30}}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":10000e-1,"shares":0.001e6,"comments":2500E-2},"author":{"followers":12000.000,"age":3.0e1}}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25t15:03:00+01:00","text":"t","engagement":{"likes":1000,"shares":1000,"comments":25},"author":{"followers":12000,"age":30}}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":1000000000000000000000000000000000000000000000000000000000000e-57,"shares":0.000000000000000000000000000000000000000000000000000001e57,"comments":25},"author":{"followers":12000,"age":30}}""")]
    public void Reads_whole_numbers_written_with_a_fraction_or_an_exponent_and_a_date_time_with_a_lower_case_t_and_z(string json)
    {
        Assert.True(PostParser.TryParse(Encoding.UTF8.GetBytes(json), out var post, out var error), error);
        Assert.Equal((1000L, 1000L, 25L), (post.Engagement.Likes, post.Engagement.Shares, post.Engagement.Comments));
        Assert.Equal((12000L, (int?)30), (post.Author.Followers, post.Author.Age));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 14, 3, 0, TimeSpan.Zero), post.CreatedAt);
    }

    [Theory]
    [InlineData(1005, "e-1002", "5", 5000L)]
    [InlineData(1010, "e-1001", "1", 1_000_000_000L)]
    [InlineData(-999, "e1001", "5", 50L)]
    [InlineData(-1500, "e1501", "3", 3L)]
    [InlineData(-999, "e5000", "1", null)]
    public void A_whole_number_of_a_thousand_digits_and_more_reads_as_its_value(int zeros, string exponent, string digit, long? expected)
    {
        // Zeros after the digit (zeros > 0) or between the point and the digit (zeros < 0).
        var number = zeros > 0 ? digit + new string('0', zeros) + exponent : "0." + new string('0', -zeros) + digit + exponent;
        var json = """{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"followers":""" + number + "}}";

        var ok = PostParser.TryParse(Encoding.UTF8.GetBytes(json), out var post, out var error);

        Assert.Equal(expected is not null, ok);
        if (expected is { } followers)
        {
            Assert.Equal(followers, post!.Author.Followers);
        }
        else
        {
            Assert.Contains("'author.followers' must be a whole number", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"createdAt":"2026-11-25T14:03:00Z","text":"t"}""", "'id'")]
    [InlineData("""{"id":"  ","createdAt":"2026-11-25T14:03:00Z","text":"t"}""", "'id'")]
    [InlineData("""{"id":7,"createdAt":"2026-11-25T14:03:00Z","text":"t"}""", "'id'")]
    [InlineData("""{"id":"p","text":"t"}""", "'createdAt'")]
    [InlineData("""{"id":"p","createdAt":"yesterday","text":"t"}""", "'createdAt'")]
    [InlineData("""{"id":"p","createdAt":1764079380,"text":"t"}""", "'createdAt'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25","text":"t"}""", "'createdAt' is '2026-11-25'; expected a date-time, not a date alone")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25x14:03:00z","text":"t"}""", "'createdAt' is '2026-11-25x14:03:00z'; expected an ISO 8601 date-time")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25t14:03:00","text":"t","author":{"followers":1e400}}""", "'author.followers' must be a whole number")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":1.0000001}}""", "'engagement.likes' must be a whole number")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":1e-400}}""", "'engagement.likes' must be a whole number")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":1E-29}}""", "'engagement.likes' must be a whole number")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":99999999999.999999999999999999}}""", "'engagement.likes' must be a whole number")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":1e11000000000}}""", "'engagement.likes' must be a whole number")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":-1.0}}""", "'engagement.likes' must be a whole number")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z"}""", "'text'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":null}""", "'text'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","network":"twitter"}""", "'network'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"gender":"other"}}""", "'author.gender'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"followers":-5}}""", "'author.followers'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"followers":"many"}}""", "'author.followers'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"age":151}}""", "'author.age'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"age":-1}}""", "'author.age'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"age":30.5}}""", "'author.age'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"country":"deu"}}""", "'author.country'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"country":"d1"}}""", "'author.country'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"verified":"yes"}}""", "'author.verified'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":"jo"}""", "'author'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","lang":"english"}""", "'lang'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","lang":"e1-US"}""", "'lang'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","lang":"x-"}""", "'lang'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","lang":"x-waytoolongsubtag"}""", "'lang'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","purchaseDate":"14/03/2026"}""", "'purchaseDate'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","purchaseDate":"2026-13-01"}""", "'purchaseDate'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","purchaseDate":"9999-12-31T23:00:00-05:00"}""", "'purchaseDate' is '9999-12-31T23:00:00-05:00', a date-time whose UTC date falls outside the years 0001 to 9999")]
    [InlineData("""{"id":"p","createdAt":"0001-01-01T00:00:00+05:00","text":"t"}""", "'createdAt' is '0001-01-01T00:00:00+05:00', a date-time whose UTC time falls outside the years 0001 to 9999")]
    [InlineData("""{"id":"p","createdAt":"0001-06-01T00:00:00+99:00","text":"t"}""", "'createdAt' is '0001-06-01T00:00:00+99:00'; expected an ISO 8601 date-time")]
    [InlineData("""{"id":"p","createdAt":"0001-01-01T00:00:00+05:00x","text":"t"}""", "'createdAt' is '0001-01-01T00:00:00+05:00x'; expected an ISO 8601 date-time")]
    [InlineData("""{"id":"p","createdAt":"9999-12-31T23:00:00-0500","text":"t"}""", "a date-time whose UTC time falls outside the years 0001 to 9999")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":-1}}""", "'engagement.likes'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"likes":100000000001}}""", "'engagement.likes' must be a whole number from 0 to 100,000,000,000")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"followers":9223372036854775807}}""", "'author.followers'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"acme \ud800 lone"}""", "'text' holds text that is not valid Unicode")]
    [InlineData("""{"id":"p\udc00","createdAt":"2026-11-25T14:03:00Z","text":"t"}""", "'id' holds text that is not valid Unicode")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","author":{"handle":"\ud83d"}}""", "'author.handle' holds text that is not valid Unicode")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","lang":"e\udc00"}""", "'lang' holds text that is not valid Unicode")]
    [InlineData("""{"id":"p","createdAt":"2026-1\ud800","text":"t"}""", "'createdAt' holds text that is not valid Unicode")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":{"views":1.5}}""", "'engagement.views'")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t","engagement":[1]}""", "'engagement'")]
    public void Rejects_an_invalid_field_with_a_reason_naming_it(string json, string field)
    {
        var error = Rejected(json);

        Assert.Contains(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_given_twice_counts_as_its_last_value_null_or_blank_reading_as_unknown()
    {
        const string Line = """
            {"id":"p","network":"reddit","network":null,"createdAt":"2026-11-25T14:03:00Z","text":"t","lang":"fr","lang":"",
             "author":{"id":"a1","followers":500,"gender":"female","age":40,"country":"FR"},"author":{"id":"h2","age":30,"age":null,"country":"GB","country":null},
             "engagement":{"likes":7,"views":90},"engagement":{"shares":1},"purchaseDate":"2026-03-14","purchaseDate":null}
            """;
        foreach (var plainLines in new[] { true, false })
        {
            Assert.True(PostParser.TryParse(Encoding.UTF8.GetBytes(Line.ReplaceLineEndings("")), plainLines, out var post, out var error), error);

            Assert.Equal(Network.Unknown, post.Network);
            Assert.Null(post.Language);
            Assert.Equal("h2", post.Author.Id);
            Assert.Equal(0, post.Author.Followers);
            Assert.Equal(Gender.Unknown, post.Author.Gender);
            Assert.Null(post.Author.Age);
            Assert.Null(post.Author.Country);
            Assert.Equal(new Engagement(0, 1, 0, 0), post.Engagement);
            Assert.Null(post.PurchaseDate);
        }
    }

    [Theory]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"acme","\ud800":1}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"acme","author":{"\ud800":1,"id":"u1"}}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"acme","engagement":{"\udc00x":1}}""")]
    public void A_field_whose_name_is_not_valid_Unicode_is_an_unknown_field_and_ignored(string json)
    {
        foreach (var plainLines in new[] { true, false })
        {
            Assert.True(PostParser.TryParse(Encoding.UTF8.GetBytes(json), plainLines, out var post, out var error), error);
            Assert.Equal("acme", post.Text);
        }
    }

    [Theory]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z",""")]
    [InlineData("""{"id":"p" "createdAt":"2026-11-25T14:03:00Z","text":"t"}""")]
    [InlineData("""{id:"p","createdAt":"2026-11-25T14:03:00Z","text":"t"}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t",}""")]
    public void Rejects_malformed_JSON(string json)
    {
        var error = Rejected(json);

        Assert.StartsWith("malformed JSON", error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t"}]""")]
    [InlineData("\"a post\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Rejects_JSON_that_is_not_an_object(string json)
    {
        var error = Rejected(json);

        Assert.Contains("JSON object", error, StringComparison.Ordinal);
        Assert.Equal(json.StartsWith('['), error.Contains("send NDJSON, one post object per line", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t"} {"id":"q","createdAt":"2026-11-25T14:03:00Z","text":"t"}""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t"}x""")]
    [InlineData("""{"id":"p","createdAt":"2026-11-25T14:03:00Z","text":"t"}}""")]
    public void Rejects_content_after_the_post_object(string json)
    {
        var error = Rejected(json);

        Assert.Matches("after|invalid|Expected end", error);
    }

    [Fact]
    public void Accepts_trailing_whitespace_after_the_post_object()
    {
        var post = ParseValid("{\"id\":\"p\",\"createdAt\":\"2026-11-25T14:03:00Z\",\"text\":\"t\"}  \r\n");

        Assert.Equal("p", post.Id);
    }
}
