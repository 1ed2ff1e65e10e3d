using StreamEngine.Domain.Model;
using StreamEngine.Domain.Query;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Api;

/// <summary>
/// The model at run time: validate a candidate, swap it in live, read what each query costs.
/// A swap is atomic (the graph reads one model per chunk) and keeps every aggregate: brands are
/// actors keyed by id, so a brand that stays keeps its figures and a new one starts empty.
/// </summary>
internal static class ModelEndpoints
{
    private const int MaxModelBytes = 8 * 1024 * 1024;

    public sealed record ModelError(int Line, int Column, string Message);

    /// <param name="Brand">The brand whose own concept this is; absent for a brand and for a concept of the library.</param>
    public sealed record QueryCostResponse(string Kind, string Id, int Literals, int Cost, string? Brand = null);

    public sealed record ValidationResponse(bool Valid, int? Brands, int? Concepts, IReadOnlyList<ModelError>? Errors, IReadOnlyList<QueryCostResponse>? Costs);

    public static void MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/model/validate", async (HttpContext http) =>
        {
            var read = await ReadAsync(http);
            return read.Model is not { } model
                ? Refused(read)
                : Results.Ok(new ValidationResponse(true, model.Brands.Count, model.Concepts.Count, null, Costs(model)));
        })
            .Reading();

        app.MapPut("/api/model", async (HttpContext http, ModelSharing sharing) =>
        {
            var read = await ReadAsync(http);
            if (read.Model is not { } model)
            {
                return Refused(read);
            }

            try
            {
                await sharing.SwapInAsync(model, http.RequestAborted);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Saved before it is swapped in: the old model stays in force, here and on restart.
                return Results.Json(
                    new ApiErrors.ErrorResponse($"the model could not be saved over the model file, so it was not swapped in; the old model stays in force: {ex.Message}"),
                    statusCode: StatusCodes.Status500InternalServerError);
            }

            return Results.Ok(new ValidationResponse(true, model.Brands.Count, model.Concepts.Count, null, Costs(model)));
        })
            .Reading();

        app.MapRead("/api/model/cost", (CurrentModel current) => Costs(current.Model))
            .Reading();
    }

    private sealed record ModelRead(ListeningModel? Model, IReadOnlyList<ModelError> Errors, bool TooLarge = false);

    private static async Task<ModelRead> ReadAsync(HttpContext http)
    {
        // A body declared too large is answered before it is sent.
        using var body = http.Request.ContentLength > MaxModelBytes ? null : await RequestBody.ReadAsync(http.Request, MaxModelBytes, http.RequestAborted);
        if (body is null)
        {
            return new ModelRead(null, [new ModelError(1, 1, $"the model is larger than {MaxModelBytes / 1024 / 1024} MiB, and was not read")], TooLarge: true);
        }

        try
        {
            // JSON is YAML, so one loader takes both bodies.
            return new ModelRead(ModelLoader.Parse(body.GetBuffer().AsSpan(0, (int)body.Length), "request body"), []);
        }
        catch (ModelException ex)
        {
            return new ModelRead(null, ex.Errors.Select(e => new ModelError(e.Line, e.Column, e.Message)).ToList());
        }
    }

    // 413 for a body too large, as the other endpoints answer one, in the shape a refused model has.
    private static IResult Refused(ModelRead read) => read.TooLarge
        ? Results.Json(new ValidationResponse(false, null, null, read.Errors, null), statusCode: StatusCodes.Status413PayloadTooLarge)
        : Results.UnprocessableEntity(new ValidationResponse(false, null, null, read.Errors, null));

    private static List<QueryCostResponse> Costs(ListeningModel model) =>
    [
        .. model.Brands.Select(b => Cost("brand", b.Id, b.Query)),
        .. model.Concepts.Select(c => Cost(c.Kind == ConceptKind.Intent ? "intent" : "concept", c.Id, c.Query) with { Brand = c.Brand }),
    ];

    private static QueryCostResponse Cost(string kind, string id, ParsedQuery query)
    {
        var estimate = QueryCost.Estimate(query);
        return new QueryCostResponse(kind, id, estimate.Literals, estimate.Cost);
    }
}
