namespace StreamEngine.Host.Configuration;

/// <summary>
/// Lets browser dashboards served from other origins read the endpoints (CORS), for the origins
/// given with --cors-origins and no others: without it a page of another origin is refused by the
/// browser, as it should be by default.
/// </summary>
internal static class DashboardOrigins
{
    /// <summary>What is wrong with <paramref name="setting"/>, or null when it is empty or a list of origins.</summary>
    public static string? Problem(string? setting)
    {
        foreach (var origin in Origins(setting))
        {
            if (origin == "*")
            {
                continue;
            }

            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || !string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase))
            {
                return $"names '{origin}', which is not an origin: expected scheme://host[:port] with no path, e.g. https://dash.example.com, or * for any";
            }
        }

        return null;
    }

    public static IServiceCollection AddDashboardOrigins(this IServiceCollection services, string? setting)
    {
        var origins = Origins(setting);
        if (origins.Length == 0)
        {
            return services;
        }

        return services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }

            // A dashboard reads Retry-After to pace itself after a 429 or 503, and a report's
            // Content-Disposition to save it under the name the node gives.
            policy.AllowAnyHeader().WithMethods("GET", "POST", "PUT").WithExposedHeaders("Retry-After", "Content-Disposition");
        }));
    }

    public static IApplicationBuilder UseDashboardOrigins(this IApplicationBuilder app, string? setting) =>
        Origins(setting).Length == 0 ? app : app.UseCors();

    private static string[] Origins(string? setting) =>
        (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
