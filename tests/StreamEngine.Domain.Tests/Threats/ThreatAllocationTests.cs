using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Threats;
using static StreamEngine.Domain.Tests.Threats.ThreatFixtures;

namespace StreamEngine.Domain.Tests.Threats;

/// <summary>Detectors run per post on the hot path: a post that holds no threat must allocate nothing.</summary>
public sealed class ThreatAllocationTests
{
    private static readonly Post[] Clean =
    [
        Post("Great service from Acme today, see https://www.acme.com/deals and mail help@acme.com", handle: "john_smith", name: "John Smith"),
        Post("Jane Doe spoke about the new Acme phone at 9, loved it, 10/10 would buy", handle: "ilove_pizza", name: "Pizza Fan"),
        Post("globex.io and initech.com both shipped updates, the bomb? no, just fine", handle: "acne"),
    ];

    [Fact]
    public void Impersonation() => AssertNoAllocation(new ImpersonationDetector(Brands).Detect);

    [Fact]
    public void Lookalike_domains() => AssertNoAllocation(new LookalikeDomainDetector(Brands).Detect);

    [Fact]
    public void Doxxing() => AssertNoAllocation(new DoxxingDetector(Brands).Detect);

    [Fact]
    public void Violence() => AssertNoAllocation(new ViolentThreatDetector(Brands).Detect);

    [Fact]
    public void Coordination()
    {
        // As the ingest graph runs it: each post's print is made once in the reading stage (one
        // small object per post that can join a burst), and the detector then tracks it for each
        // brand the post names without allocating.
        var detector = new CoordinatedBurstDetector("acme");
        var posts = Enumerable.Range(0, 400)
            .Select(i => Post($"post {i} says word{i} and other{i} things about acme today", handle: $"u{i}", at: Noon.AddSeconds(i), id: $"p{i}"))
            .ToArray();
        var prints = posts.Select(p => CoordinatedBurstDetector.PrintOf(p)).ToArray();
        Assert.All(prints, Assert.NotNull);
        for (var i = 0; i < 300; i++)
        {
            Assert.Null(detector.Observe(posts[i], prints[i]));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = 0;
        for (var i = 300; i < posts.Length; i++)
        {
            found += detector.Observe(posts[i], prints[i]) is null ? 0 : 1;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, found);
    }

    private static void AssertNoAllocation(Func<Post, IReadOnlyList<ThreatFinding>> detect)
    {
        for (var warm = 0; warm < 3; warm++)
        {
            foreach (var post in Clean)
            {
                Assert.Empty(detect(post));
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = 0;
        for (var round = 0; round < 100; round++)
        {
            foreach (var post in Clean)
            {
                found += detect(post).Count;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, found);
    }
}
