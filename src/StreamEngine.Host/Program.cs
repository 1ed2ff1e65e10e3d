using Akka.Actor;
using Prometheus;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Model;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Telemetry;
using StreamEngine.Host.Alerts;
using StreamEngine.Host.Api;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Demo;
using StreamEngine.Host.Hosting;

var args0 = CommandLine.Normalise(args);
EngineMetrics.PublishDotNetMeters();
// appsettings.json travels with the binary; relative --data-dir and --model paths stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args0, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args0, CommandLine.SwitchMappings);

if (args0.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(CommandLine.Help);
    return 0;
}

if (CommandLine.UnknownSwitch(args0) is { } unknown)
{
    Console.Error.WriteLine($"unknown option {unknown}; --help lists the options");
    return 2;
}

if (CommandLine.MalformedArgument(args0) is { } missing)
{
    Console.Error.WriteLine($"{missing}; --help lists the options");
    return 2;
}

if (OptionsCheck.UnknownSettings(builder.Configuration.GetSection(StreamEngineOptions.Section)) is { Count: > 0 } unknownSettings)
{
    Console.Error.WriteLine($"unknown setting(s): {string.Join(", ", unknownSettings)}; the settings are those of README.md's Options table");
    return 2;
}

StreamEngineOptions options;
try
{
    options = builder.Configuration.GetSection(StreamEngineOptions.Section).Get<StreamEngineOptions>() ?? new StreamEngineOptions();
}
catch (InvalidOperationException ex)
{
    // The binder names the setting's key and the value it could not convert.
    Console.Error.WriteLine(CommandLine.UnconvertibleSetting(ex.Message) ?? ex.Message);
    return 2;
}

if (OptionsCheck.Problems(options) is { Count: > 0 } problems)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine(problem);
    }

    return 2;
}

var loginAnswered = true;
if (!string.IsNullOrWhiteSpace(options.Postgres))
{
    (loginAnswered, var loginProblem) = PostgresLogin.Check(options.Postgres);
    if (loginProblem is not null)
    {
        Console.Error.WriteLine(loginProblem);
        return 2;
    }
}

// A cluster node's store is PostgreSQL, shared on purpose; a single node's SQLite file is its own.
string? dataDirProblem = null;
using var dataDirClaim = string.IsNullOrWhiteSpace(options.Postgres) ? NodeClaims.ClaimDataDir(options.DataDir, out dataDirProblem) : null;
if (dataDirProblem is not null)
{
    Console.Error.WriteLine(dataDirProblem);
    return 2;
}

if ((NodeClaims.ClusterPortProblem(options.ClusterHost, options.ClusterPort)
    ?? NodeClaims.HttpAddressProblem(builder.Configuration["urls"] ?? "http://localhost:5000")) is { } portProblem)
{
    Console.Error.WriteLine(portProblem);
    return 2;
}

StoreSetup store;
try
{
    store = StoreSetup.From(options);
}
catch (Microsoft.Data.Sqlite.SqliteException ex)
{
    Console.Error.WriteLine($"the SQLite store under --data-dir {Path.GetFullPath(options.DataDir)} cannot be opened: {ex.Message}");
    return 2;
}

// Brands keep their sealed history in scratch files here rather than in memory (README.md).
HistoryStore? history = null;
if (options.HistoryDirectory() is { } historyDirectory)
{
    try
    {
        history = HistoryStore.Open(historyDirectory);
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
    {
        Console.Error.WriteLine($"the history directory {Path.GetFullPath(historyDirectory)} (--history-dir) cannot be used: {ex.Message}");
        return 2;
    }

    EngineMetrics.WatchHistory(history);
}

using var historyLifetime = history;

// A restart reads the embedded journal while the model loads: neither needs the other.
_ = JournalReadAhead.Start(store);

ListeningModel model;
string modelPath;
var modelLoading = System.Diagnostics.Stopwatch.StartNew();
try
{
    (model, modelPath) = ModelFile.Load(options.Model);
}
catch (ModelException ex)
{
    // Named as every other setting is; the errors say the file, line and column of each.
    Console.Error.WriteLine($"--model (StreamEngine:Model) {options.Model}: {ex.Message}");
    return 2;
}

modelLoading.Stop();

if (!string.IsNullOrWhiteSpace(options.Postgres) && OptionsCheck.FormsItsOwnCluster(options)
    && SharedStoreClaim.OtherClusterProblem(store.ConnectionString) is { } sharedStoreProblem)
{
    Console.Error.WriteLine(sharedStoreProblem);
    return 2;
}

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new CurrentModel(model));
builder.Services.AddSingleton(new ModelFileLocation(modelPath));
builder.Services.AddSingleton(store);
builder.Services.AddSingleton<StoreProbe>();
builder.Services.AddStreamEngineAkka(options, store, history);
builder.Services.AddSingleton<UnrecoveredBrands>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<UnrecoveredBrands>());
builder.Services.AddSingleton<BrandQueries>();
builder.Services.AddSingleton<IngestService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<IngestService>());
builder.Services.AddSingleton<BrandWarmup>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<BrandWarmup>());
builder.Services.AddHostedService<WebhookDispatcher>();
builder.Services.AddSingleton<ModelSharing>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelSharing>());
builder.Services.AddHostedService<DemoFirehose>();
builder.Services.AddSingleton<FileReplay>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<FileReplay>());
if (!loginAnswered)
{
    builder.Services.AddSingleton<PostgresLoginWatch>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresLoginWatch>());
}
builder.Services.AddCompressedBodies();
builder.Services.AddDashboardOrigins(options.CorsOrigins);
builder.Services.ConfigureHttpJsonOptions(json =>
    json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodySizeLimit.MaxBytes);

var app = builder.Build();

// Asked after the run, when the services are gone.
var loginWatch = app.Services.GetService<PostgresLoginWatch>();
app.Logger.LogInformation("Model {Path}: {Brands} brands, {Concepts} concepts, loaded in {Seconds:0.00} s; store: {Store}",
    modelPath, model.Brands.Count, model.Concepts.Count, modelLoading.Elapsed.TotalSeconds, store.Description);
if (JitProfiling.Advice(Environment.GetEnvironmentVariable) is { } jitAdvice)
{
    app.Logger.LogWarning("{Advice}", jitAdvice);
}

app.UseUnansweredBrandsAs503();

// Before the bodies are read, so that a refusal of one carries the CORS headers a dashboard needs.
app.UseDashboardOrigins(options.CorsOrigins);
app.UseBodySizeLimitAnswers();
app.UseCompressedBodies();
app.UseStatusCodePages(ErrorBodies.WriteAsync);
app.UseRouting();
app.UseHttpMetrics();
app.MapIngestEndpoints();
app.MapBrandEndpoints();
app.MapCompareEndpoints();
app.MapReportEndpoints();
app.MapAlertEndpoints();
app.MapInfluenceEndpoints();
app.MapAnalyzeEndpoints();
app.MapModelEndpoints();
app.MapHealthEndpoints();
app.MapMetrics("/metrics").OnlyRead();

// The services are disposed of when the run ends: the actor system is kept to ask why it stopped.
ActorSystem? system = null;
app.Lifetime.ApplicationStarted.Register(() => system = app.Services.GetRequiredService<ActorSystem>());

// Taken now: the run disposes of the services, the lifetime among them, before a failed start is caught.
var stopping = app.Lifetime.ApplicationStopping;
try
{
    await app.RunAsync();
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Taken between the start-up check and Kestrel's bind: named as the start-up checks name theirs.
    Console.Error.WriteLine($"--urls (Urls): {ex.Message} Give each node of a host its own port.");
    return 2;
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("Unable to configure HTTPS endpoint", StringComparison.Ordinal))
{
    // Found by Kestrel alone, as it binds: whether a certificate is to be had depends on its settings and the machine's store.
    Console.Error.WriteLine($"--urls (Urls): an https address needs a certificate: {ex.Message.Split('\n')[0]} Give Kestrel one (Kestrel:Certificates:Default:Path and :Password), or serve http behind a proxy that ends TLS.");
    return 2;
}
catch (Exception ex) when (stopping.IsCancellationRequested
    && (ex is OperationCanceledException || (ex is InvalidOperationException && ex.Message.Contains("while terminating", StringComparison.Ordinal))))
{
    // SIGTERM while the services were starting (an operator's Ctrl+C, an orchestrator's stop): a
    // stop asked for, not a crash. Nothing was acknowledged yet, and the actor system has left the
    // cluster and stopped as the host let go of it; a service still starting may then find it
    // terminated ("Cannot create child while terminating"), which ended the process with 134.
    // As a JSON line, like every other line the node logs: the host's loggers are gone by now.
    Console.WriteLine(JsonLines.Line("Information", "StreamEngine.Host", "Stopped while starting: the node was asked to stop before it was ready",
        ("Detail", ex is InvalidOperationException ? ex.Message : null)));

    // The actor system a service found terminating was created by then: a cluster that downed the
    // node, or a join that failed, must still say so in the exit code, as below.
    var startedSystem = ex is InvalidOperationException ? app.Services.GetService<ActorSystem>() : null;
    return startedSystem is not null && CoordinatedShutdown.Get(startedSystem).ShutdownReason
        is CoordinatedShutdown.ClusterDowningReason or CoordinatedShutdown.ClusterJoinUnsuccessfulReason
        ? 3
        : 0;
}

if (loginWatch?.Refusal is not null)
{
    return 2;
}

// A node the cluster downed (the split-brain resolver), or that could not join, stops as on SIGTERM;
// its exit code must say it failed, so that a supervisor restarts it, and its last line why, as a
// refusal at start-up does.
var shutdownReason = system is not null ? CoordinatedShutdown.Get(system).ShutdownReason : null;
if (shutdownReason is CoordinatedShutdown.ClusterJoinUnsuccessfulReason)
{
    Console.WriteLine(JsonLines.Line("Critical", "StreamEngine.Host",
        $"The node could not join its cluster: its seed nodes ({string.Join(", ", options.SeedNodes.Where(s => !string.IsNullOrWhiteSpace(s)))}) did not answer; exiting with code 3"));
}
else if (shutdownReason is CoordinatedShutdown.ClusterDowningReason)
{
    Console.WriteLine(JsonLines.Line("Critical", "StreamEngine.Host", "The cluster downed this node (it was unreachable to the others); exiting with code 3"));
}

return shutdownReason is CoordinatedShutdown.ClusterDowningReason or CoordinatedShutdown.ClusterJoinUnsuccessfulReason
    ? 3
    : 0;
