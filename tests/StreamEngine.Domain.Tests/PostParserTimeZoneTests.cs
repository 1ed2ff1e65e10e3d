using StreamEngine.Domain.Posts;

namespace StreamEngine.Domain.Tests;

/// <summary>Tests that change the process's local time zone, so they run alone.</summary>
[CollectionDefinition(nameof(LocalTimeZone), DisableParallelization = true)]
public sealed class LocalTimeZone;

[Collection(nameof(LocalTimeZone))]
public sealed class PostParserTimeZoneTests
{
    [Theory]
    [InlineData("America/Sao_Paulo")]
    [InlineData("Asia/Tokyo")]
    public void Treats_a_createdAt_without_offset_as_UTC_whatever_the_local_time_zone(string zone)
    {
        var saved = Environment.GetEnvironmentVariable("TZ");
        try
        {
            Environment.SetEnvironmentVariable("TZ", zone);
            TimeZoneInfo.ClearCachedData();
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                // Otherwise a UTC machine would pass whether or not the parser corrects the reader's local time.
                Assert.NotEqual(TimeSpan.Zero, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 11, 25, 14, 3, 0, DateTimeKind.Unspecified)));
            }

            var json = """{"id":"p","createdAt":"2026-11-25T14:03:00","text":"t"}"""u8;
            Assert.True(PostParser.TryParse(json, out var post, out var error), error);

            Assert.NotNull(post);
            Assert.Equal(TimeSpan.Zero, post.CreatedAt.Offset);
            Assert.Equal(new DateTime(2026, 11, 25, 14, 3, 0, DateTimeKind.Utc), post.CreatedAt.UtcDateTime);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", saved);
            TimeZoneInfo.ClearCachedData();
        }
    }
}
