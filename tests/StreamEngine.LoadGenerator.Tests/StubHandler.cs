using System.Net;
using System.Text;

namespace StreamEngine.LoadGenerator.Tests;

/// <summary>A node that answers from a function, for the parts of the tools that read one.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public static HttpClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new StubHandler(answer)) { BaseAddress = new Uri("http://127.0.0.1:5341") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(answer(request));
}

/// <summary>A clock that stands still.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
