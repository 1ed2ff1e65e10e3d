using Npgsql;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// Whether the PostgreSQL server refuses this node's login for good: a wrong password, an unknown
/// role or database. Found before anything starts, such a node is refused at start-up, exit code 2;
/// started anyway, it ran on with every brand unrecoverable, logging failures of the journal's and
/// snapshot store's start-up by the hundred while readiness alone said why. A server that does not
/// answer is not judged at once: it may be coming up, and readiness reports it until it answers;
/// the node asks again until it does (<see cref="PostgresLoginWatch"/>).
/// </summary>
internal static class PostgresLogin
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Why the server refuses the connection string's login, named for an operator, or null.</summary>
    public static string? RefusalProblem(string connectionString) => Check(connectionString).Refusal;

    /// <summary>Whether the server answered the node's login at all, and if so why it refuses it for good, or null.</summary>
    public static (bool Answered, string? Refusal) Check(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = (int)Timeout.TotalSeconds, Pooling = false };
        try
        {
            using var connection = new NpgsqlConnection(settings.ConnectionString);
            connection.Open();
            return (true, null);
        }
        catch (PostgresException ex) when (Advice(ex.SqlState) is { } advice)
        {
            return (true, $"--postgres (StreamEngine:Postgres): the PostgreSQL server at {settings.Host}:{settings.Port} refused this node: {ex.MessageText}; {advice}");
        }
        catch (NpgsqlException ex) when (ex is not PostgresException && ex.InnerException is null && ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            // Npgsql's own refusal to log in without a password the server asks for.
            return (true, $"--postgres (StreamEngine:Postgres): {ex.Message}; give the connection string a Password");
        }
        catch (PostgresException)
        {
            // Any other answer (the server starting up, too many clients) is not a refusal for good.
            return (false, null);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return (false, null);
        }
    }

    private static string? Advice(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.InvalidPassword => "check the connection string's Username and Password",
        PostgresErrorCodes.InvalidAuthorizationSpecification => "check the connection string's Username, and that the server's pg_hba.conf lets it in from this host",
        PostgresErrorCodes.InvalidCatalogName => "create the database (the node makes its own tables in it) or name another Database",
        _ => null,
    };
}
