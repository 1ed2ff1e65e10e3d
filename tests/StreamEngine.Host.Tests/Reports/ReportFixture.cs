namespace StreamEngine.Host.Tests.Reports;

/// <summary>
/// One engine on the sample model plus a brand whose name is markup, fed the sample firehose once;
/// the report tests only read, so they share it.
/// </summary>
public sealed class ReportFixture : IAsyncLifetime
{
    /// <summary>Markup, an ampersand, quotes and a non-ASCII letter: what a careless page would run or garble.</summary>
    public const string MarkupName = "<script>alert(\"owned\")</script> & Söhne";

    public const string ModelYaml = SampleFirehose.ModelYaml + """

          - id: markup
            name: '<script>alert("owned")</script> & Söhne'
            query: 'delta'
            competitors: [alpha]
        """;

    private readonly TempDirectory _dir = new();

    public EngineProcess Engine { get; private set; } = null!;

    public SampleFirehose Sample { get; } = new(posts: 900, seed: 23, now: DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, ModelYaml);
        Engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), model);

        var at = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");
        var markup = string.Concat(Enumerable.Range(0, 3).Select(i => $"{{\"id\":\"markup-{i}\",\"createdAt\":\"{at}\",\"text\":\"delta delivery\"}}\n"));
        foreach (var ndjson in new[] { Sample.Ndjson, markup })
        {
            var (status, body) = await Engine.Http.PostNdjsonAsync(ndjson);
            Assert.True(status == 200, $"ingest answered {status}: {body}");
        }
    }

    public async Task DisposeAsync()
    {
        await Engine.DisposeAsync();
        _dir.Dispose();
    }
}
