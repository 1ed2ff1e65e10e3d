using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using StreamEngine.Domain.Model;
using StreamEngine.LoadGenerator.Drive;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.PostgresPeer;

/// <summary>
/// Loads the firehose into a throwaway PostgreSQL 15 the way a team without StreamEngine would:
/// each batch of NDJSON is COPYed into a staging table, new posts (by network + id) are inserted with
/// a tsvector of their unaccented text, brand and concept queries are matched with full-text search
/// (<c>tsv @@ tsquery</c>), and per-minute figures, segment counts and author sets are upserted in the
/// same transaction; dashboards then read them with SQL. Reports posts/s and query latency.
/// </summary>
internal static class Program
{
    private const string Usage = """
        StreamEngine PostgreSQL peer: the same firehose and model in a throwaway PostgreSQL 15.

          [model] [firehose] [--posts 200000] [--batch 1000] [--connections 2]
          [--pollers 4] [--query-seconds 10]
          [--rate R | --rate-fraction F (second ingest pass of fresh ids, paced at R or F × the first pass's posts/s, pollers running)]
          [--pg-settings "-c shared_buffers=1GB ..."] [--json FILE]

        """ + FirehoseCli.OptionsHelp;

    private static readonly string[] Windows = ["15m", "1h", "24h"];
    private static readonly string[] Dimensions = ["network", "country", "gender", "age", "language", "purchase", "concept"];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        try
        {
            var a = new CommandArgs(args);
            var (model, description) = FirehoseCli.Model(a);
            var firehose = FirehoseCli.Options(a);
            var posts = a.Int("posts", 200_000, min: 1);
            var batch = a.Int("batch", 1000, min: 1);
            var connections = a.Int("connections", 2, min: 1);
            var pollers = a.Int("pollers", 4, min: 1);
            var querySeconds = a.Positive("query-seconds", 10);
            double? rate = a.Has("rate") ? a.Positive("rate", 1) : null;
            double? fraction = a.Has("rate-fraction") ? a.Double("rate-fraction", 0.8, min: 0.01, max: 1) : null;
            if (rate is not null && fraction is not null)
            {
                throw new ArgumentException("--rate and --rate-fraction both pace the second pass: give one");
            }

            var settings = a.String("pg-settings", "-c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min")!;
            var json = a.OutputFile("json");
            a.RejectUnknown();
            var report = await RunAsync(model, description, firehose, posts, batch, connections, pollers, querySeconds, rate, fraction, settings);
            Console.WriteLine(report.Table());
            if (json is not null)
            {
                await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            }

            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or ModelException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (Exception) when (ThrowawayPostgres.Stopping)
        {
            // The signal's handler removes the server and ends the process.
            await Task.Delay(Timeout.Infinite);
            return 1;
        }
    }

    private static async Task<PeerReport> RunAsync(ListeningModel model, string description, FirehoseOptions firehose, int postCount, int batch,
        int connections, int pollers, double querySeconds, double? rate, double? fraction, string settings)
    {
        var pool = new FirehoseGenerator(model, firehose).Pool(postCount, batch);
        postCount = (int)pool.LinesPerPass; // rounded up to whole batches
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{description}: {postCount:N0} posts in {pool.Batches.Count} batches of {batch}, {pool.Bytes / (double)postCount:0} B/post"));

        using var pg = ThrowawayPostgres.Start(settings);
        Console.Error.WriteLine($"PostgreSQL on 127.0.0.1:{pg.Port}");
        await using var data = NpgsqlDataSource.Create(pg.ConnectionString);
        await CreateSchemaAsync(data, model);

        // Pass 1: as fast as the connections go.
        var first = await IngestAsync(data, pool, 0, pool.Batches.Count, connections, null, CancellationToken.None);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest at max: {first.PostsPerSecond:N0} posts/s"));
        await ExecAsync(data, "ANALYZE");
        var brandMentions = await ScalarAsync(data, "SELECT coalesce(sum(mentions), 0) FROM brand_minute");
        var storedPosts = await ScalarAsync(data, "SELECT count(*) FROM posts");
        var bytes = await ScalarAsync(data, "SELECT pg_database_size('postgres')");

        // Dashboards on an idle server.
        var idle = await PollAsync(data, model, pollers, TimeSpan.FromSeconds(querySeconds), CancellationToken.None);

        // Pass 2 (optional): a paced ingest of fresh ids with the pollers running.
        if (fraction is { } f)
        {
            rate = Math.Round(first.PostsPerSecond * f);
        }

        IngestResult? paced = null;
        IReadOnlyDictionary<string, LatencySummary>? underLoad = null;
        if (rate is { } r)
        {
            using var stop = new CancellationTokenSource();
            var polling = PollAsync(data, model, pollers, TimeSpan.FromSeconds(600), stop.Token);
            paced = await IngestAsync(data, pool, 1, pool.Batches.Count, connections, r, CancellationToken.None);
            await stop.CancelAsync();
            underLoad = await polling;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest at {r:N0} posts/s offered: {paced.PostsPerSecond:N0} posts/s"));
        }

        return new PeerReport(description, model.Brands.Count, model.Concepts.Count, QueryTerms.Count(model), postCount, batch, connections,
            first, storedPosts, brandMentions, bytes, pollers, idle, rate, paced, underLoad);
    }

    private static async Task CreateSchemaAsync(NpgsqlDataSource data, ListeningModel model)
    {
        await ExecAsync(data, """
            CREATE EXTENSION IF NOT EXISTS unaccent;
            CREATE TABLE brand_query (brand_id text PRIMARY KEY, q tsquery NOT NULL);
            CREATE TABLE concept_query (concept_id text PRIMARY KEY, q tsquery NOT NULL);
            CREATE TABLE posts (
              network text NOT NULL, id text NOT NULL, created_at timestamptz NOT NULL, minute timestamptz NOT NULL,
              text text NOT NULL, lang text, author_key text, followers bigint NOT NULL, gender text NOT NULL,
              age_band text NOT NULL, country text, engagement bigint NOT NULL, purchase_month text, tsv tsvector NOT NULL,
              PRIMARY KEY (network, id));
            CREATE TABLE brand_minute (brand_id text, minute timestamptz, mentions bigint NOT NULL, reach bigint NOT NULL, engagement bigint NOT NULL,
              PRIMARY KEY (brand_id, minute));
            CREATE TABLE brand_minute_segment (brand_id text, minute timestamptz, dimension text, value text, mentions bigint NOT NULL,
              PRIMARY KEY (brand_id, dimension, minute, value));
            CREATE TABLE brand_minute_author (brand_id text, minute timestamptz, author_key text, PRIMARY KEY (brand_id, minute, author_key));
            """);

        await using var conn = await data.OpenConnectionAsync();
        foreach (var (table, entries) in new[]
                 {
                     ("brand_query", model.Brands.Select(b => (b.Id, b.Query.Source))),
                     ("concept_query", model.Concepts.Select(c => (c.Id, c.Query.Source))),
                 })
        {
            await using var writer = await conn.BeginTextImportAsync($"COPY {table} FROM STDIN");
            foreach (var (id, query) in entries)
            {
                await writer.WriteLineAsync($"{id}\t{TsQuery(query)}");
            }
        }
    }

    /// <summary>
    /// A model query as a tsquery over the 'simple' configuration: its top-level alternatives joined
    /// by |, the positive terms of each by &amp;, a phrase as word &lt;-&gt; word (terms under NOT,
    /// wildcards and fuzzy terms are left out, as the load generator leaves them out of its posts).
    /// </summary>
    private static string TsQuery(string source) =>
        string.Join(" | ", QueryTerms.Alternatives(source).Select(alternative =>
            "(" + string.Join(" & ", alternative.Select(t => t.Words.Count == 1 ? Lexeme(t.Words[0]) : "(" + string.Join(" <-> ", t.Words.Select(Lexeme)) + ")")) + ")"));

    private static string Lexeme(string word) => "'" + word.Replace("'", "''", StringComparison.Ordinal).Replace("\\", "\\\\\\\\", StringComparison.Ordinal) + "'";

    private const string IngestSql = """
        WITH parsed AS (
          SELECT coalesce(doc->>'network', 'unknown') AS network, doc->>'id' AS id, (doc->>'createdAt')::timestamptz AS created_at,
                 doc->>'text' AS text, nullif(split_part(lower(replace(doc->>'lang', '_', '-')), '-', 1), '') AS lang,
                 coalesce(doc->'author'->>'id', '@' || lower(ltrim(doc->'author'->>'handle', '@'))) AS author_id,
                 coalesce((doc->'author'->>'followers')::bigint, 0) AS followers,
                 coalesce(lower(doc->'author'->>'gender'), 'unknown') AS gender,
                 (doc->'author'->>'age')::int AS age, upper(doc->'author'->>'country') AS country,
                 coalesce((doc->'engagement'->>'likes')::bigint, 0) + coalesce((doc->'engagement'->>'shares')::bigint, 0)
                   + coalesce((doc->'engagement'->>'comments')::bigint, 0) AS engagement,
                 substr(doc->>'purchaseDate', 1, 7) AS purchase_month
          FROM stage),
        ins AS (
          INSERT INTO posts
          SELECT network, id, created_at, date_trunc('minute', created_at), text, lang,
                 CASE WHEN author_id IS NULL THEN NULL ELSE network || ':' || author_id END, followers, gender,
                 CASE WHEN age IS NULL OR age < 13 THEN 'unknown' WHEN age <= 17 THEN '13-17' WHEN age <= 24 THEN '18-24'
                      WHEN age <= 34 THEN '25-34' WHEN age <= 44 THEN '35-44' WHEN age <= 54 THEN '45-54'
                      WHEN age <= 64 THEN '55-64' ELSE '65+' END,
                 country, engagement, purchase_month, to_tsvector('simple', unaccent(text))
          FROM parsed WHERE created_at <= now() + interval '5 minutes'
          ON CONFLICT (network, id) DO NOTHING
          RETURNING *)
        INSERT INTO matched
        SELECT b.brand_id, i.minute, i.followers, i.engagement, i.network, coalesce(i.country, 'unknown'), i.gender, i.age_band,
               coalesce(i.lang, 'unknown'), coalesce(i.purchase_month, 'unknown'), i.author_key, i.tsv
        FROM ins i JOIN brand_query b ON i.tsv @@ b.q
        WHERE i.created_at > now() - interval '30 days';

        INSERT INTO brand_minute AS t
        SELECT brand_id, minute, count(*), sum(followers), sum(engagement) FROM matched GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (brand_id, minute) DO UPDATE
          SET mentions = t.mentions + excluded.mentions, reach = t.reach + excluded.reach, engagement = t.engagement + excluded.engagement;

        INSERT INTO brand_minute_segment AS t (brand_id, dimension, minute, value, mentions)
        SELECT brand_id, s.d, minute, s.v, count(*) FROM matched m
        CROSS JOIN LATERAL (VALUES ('network', m.network), ('country', m.country), ('gender', m.gender), ('age', m.age_band),
                                   ('language', m.lang), ('purchase', m.purchase_month)) AS s(d, v)
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (brand_id, dimension, minute, value) DO UPDATE SET mentions = t.mentions + excluded.mentions;

        INSERT INTO brand_minute_segment AS t (brand_id, dimension, minute, value, mentions)
        SELECT m.brand_id, 'concept', m.minute, c.concept_id, count(*) FROM matched m JOIN concept_query c ON m.tsv @@ c.q
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (brand_id, dimension, minute, value) DO UPDATE SET mentions = t.mentions + excluded.mentions;

        INSERT INTO brand_minute_author
        SELECT DISTINCT brand_id, minute, author_key FROM matched WHERE author_key IS NOT NULL ORDER BY 1, 2, 3
        ON CONFLICT DO NOTHING;
        """;

    private static async Task<IngestResult> IngestAsync(NpgsqlDataSource data, PostPool pool, long pass, int batches, int connections, double? rate,
        CancellationToken cancellationToken)
    {
        var next = -1;
        long accepted = 0, deadlocks = 0;
        var latency = new Latency[connections];
        var started = Stopwatch.GetTimestamp();
        var perBatch = rate is { } r ? pool.Batches[0].Lines / r : 0;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            latency[worker] = new Latency();
            await using var conn = await data.OpenConnectionAsync(cancellationToken);
            await using (var setup = new NpgsqlCommand("""
                CREATE TEMP TABLE stage (doc jsonb) ON COMMIT DELETE ROWS;
                CREATE TEMP TABLE matched (brand_id text, minute timestamptz, followers bigint, engagement bigint, network text, country text,
                  gender text, age_band text, lang text, purchase_month text, author_key text, tsv tsvector) ON COMMIT DELETE ROWS;
                """, conn))
            {
                await setup.ExecuteNonQueryAsync(cancellationToken);
            }

            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= batches)
                {
                    return;
                }

                if (rate is not null)
                {
                    var due = started + (long)(index * perBatch * Stopwatch.Frequency);
                    var wait = due - Stopwatch.GetTimestamp();
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancellationToken);
                    }
                }

                var payload = Encoding.UTF8.GetString(pool.Materialise(index, pass, pool.ShiftAt(DateTimeOffset.UtcNow)));
                var sent = Stopwatch.GetTimestamp();
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
                        await using (var copy = await conn.BeginTextImportAsync("COPY stage (doc) FROM STDIN (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')", cancellationToken))
                        {
                            await copy.WriteAsync(payload.AsMemory(), cancellationToken);
                        }

                        await using (var ingest = new NpgsqlCommand(IngestSql, conn, tx))
                        {
                            await ingest.ExecuteNonQueryAsync(cancellationToken);
                        }

                        await tx.CommitAsync(cancellationToken);
                        break;
                    }
                    catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
                    {
                        Interlocked.Increment(ref deadlocks);
                    }
                }

                latency[worker].RecordTicks(Stopwatch.GetTimestamp() - sent);
                Interlocked.Add(ref accepted, pool.Batches[index].Lines);
            }
        }));

        // Paced, the run lasts as long as its schedule at least: the last batch stands for a whole
        // batch's time, and ending at its commit would read a rate above the one offered.
        var seconds = Math.Max(Stopwatch.GetElapsedTime(started).TotalSeconds, batches * perBatch);
        var merged = new Latency();
        foreach (var l in latency)
        {
            merged.Add(l);
        }

        return new IngestResult(accepted, Math.Round(seconds, 2), Math.Round(accepted / seconds, 0), merged.Summary(), deadlocks);
    }

    private static async Task<IReadOnlyDictionary<string, LatencySummary>> PollAsync(NpgsqlDataSource data, ListeningModel model, int pollers, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var summary = new Latency[pollers];
        var segments = new Latency[pollers];
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, pollers).Select(async p =>
        {
            summary[p] = new Latency();
            segments[p] = new Latency();
            var random = new Random(1000 + p);
            await using var conn = await data.OpenConnectionAsync(CancellationToken.None);
            await using var summaryCommand = new NpgsqlCommand("""
                SELECT coalesce(sum(mentions), 0), coalesce(sum(reach), 0), coalesce(sum(engagement), 0),
                       (SELECT count(DISTINCT author_key) FROM brand_minute_author WHERE brand_id = $1 AND minute > now() - $2::interval)
                FROM brand_minute WHERE brand_id = $1 AND minute > now() - $2::interval
                """, conn);
            summaryCommand.Parameters.Add(new NpgsqlParameter { Value = "" });
            summaryCommand.Parameters.Add(new NpgsqlParameter { Value = "" });
            await summaryCommand.PrepareAsync(CancellationToken.None);
            await using var segmentsCommand = new NpgsqlCommand("""
                SELECT value, sum(mentions) FROM brand_minute_segment
                WHERE brand_id = $1 AND dimension = $2 AND minute > now() - $3::interval GROUP BY value ORDER BY 2 DESC, 1
                """, conn);
            segmentsCommand.Parameters.Add(new NpgsqlParameter { Value = "" });
            segmentsCommand.Parameters.Add(new NpgsqlParameter { Value = "" });
            segmentsCommand.Parameters.Add(new NpgsqlParameter { Value = "" });
            await segmentsCommand.PrepareAsync(CancellationToken.None);
            while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
            {
                var brand = model.Brands[random.Next(model.Brands.Count)].Id;
                var window = Windows[random.Next(Windows.Length)] switch { "15m" => "15 minutes", "1h" => "1 hour", _ => "24 hours" };
                summaryCommand.Parameters[0].Value = brand;
                summaryCommand.Parameters[1].Value = window;
                var sent = Stopwatch.GetTimestamp();
                await using (var reader = await summaryCommand.ExecuteReaderAsync(CancellationToken.None))
                {
                    while (await reader.ReadAsync(CancellationToken.None))
                    {
                    }
                }

                summary[p].RecordTicks(Stopwatch.GetTimestamp() - sent);
                segmentsCommand.Parameters[0].Value = brand;
                segmentsCommand.Parameters[1].Value = Dimensions[random.Next(Dimensions.Length)];
                segmentsCommand.Parameters[2].Value = window;
                sent = Stopwatch.GetTimestamp();
                await using (var reader = await segmentsCommand.ExecuteReaderAsync(CancellationToken.None))
                {
                    while (await reader.ReadAsync(CancellationToken.None))
                    {
                    }
                }

                segments[p].RecordTicks(Stopwatch.GetTimestamp() - sent);
                try
                {
                    await Task.Delay(100, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }));

        var s = new Latency();
        var g = new Latency();
        var all = new Latency();
        for (var p = 0; p < pollers; p++)
        {
            s.Add(summary[p]);
            g.Add(segments[p]);
            all.Add(summary[p]);
            all.Add(segments[p]);
        }

        return new Dictionary<string, LatencySummary>(StringComparer.Ordinal) { ["summary"] = s.Summary(), ["segments"] = g.Summary(), ["all"] = all.Summary() };
    }

    private static async Task ExecAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

internal sealed record IngestResult(long Posts, double Seconds, double PostsPerSecond, LatencySummary BatchCommit, long Deadlocks);

internal sealed record PeerReport(
    string Model,
    int Brands,
    int Concepts,
    int Terms,
    int Posts,
    int Batch,
    int Connections,
    IngestResult Ingest,
    long StoredPosts,
    long BrandMentions,
    long DatabaseBytes,
    int Pollers,
    IReadOnlyDictionary<string, LatencySummary> IdleQueries,
    double? OfferedRate,
    IngestResult? PacedIngest,
    IReadOnlyDictionary<string, LatencySummary>? QueriesUnderLoad)
{
    public string Table()
    {
        var c = CultureInfo.InvariantCulture;
        var t = new StringBuilder();
        t.AppendLine(c, $"PostgreSQL peer | {Model}: {Brands} brands, {Concepts} concepts, {Terms} terms | {Environment.ProcessorCount} cores");
        t.AppendLine(c, $"ingest at max    {Ingest.PostsPerSecond:N0} posts/s ({Ingest.Posts:N0} posts in {Ingest.Seconds:0.0} s, batches of {Batch}, {Connections} connections, {Ingest.Deadlocks} deadlock retries)");
        t.AppendLine(c, $"stored           {StoredPosts:N0} posts, {BrandMentions:N0} brand mentions in brand_minute, database {DatabaseBytes / 1e6:N0} MB");
        t.AppendLine("latency (ms)                              n        p50       p99     p99.9       max");
        Row(t, "batch COPY → commit (max rate)", Ingest.BatchCommit);
        foreach (var (name, s) in IdleQueries)
        {
            Row(t, $"query {name}, idle ({Pollers} pollers)", s);
        }

        if (PacedIngest is { } paced)
        {
            t.AppendLine(c, $"paced ingest     {paced.PostsPerSecond:N0} posts/s achieved of {OfferedRate:N0} offered");
            Row(t, "batch COPY → commit (paced)", paced.BatchCommit);
            foreach (var (name, s) in QueriesUnderLoad!)
            {
                Row(t, $"query {name}, under load", s);
            }
        }

        return t.ToString();
    }

    private static void Row(StringBuilder t, string name, LatencySummary s) =>
        t.AppendLine(s.Row(name, 40));
}
