using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Workshops.Cluster.Tests;

/// <summary>
/// A stand-in OTLP/HTTP collector on a loopback port: keeps every export body. Protobuf keeps
/// strings as UTF-8 bytes, so a test finds metric, scope and span names in them without a decoder.
/// </summary>
internal sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _received;

    private OtlpCollector(WebApplication app, ConcurrentQueue<(string, byte[])> received)
    {
        _app = app;
        _received = received;
        Endpoint = app.Urls.First().TrimEnd('/');
    }

    /// <summary>The base address (http://127.0.0.1:port); exporters add /v1/metrics, /v1/traces, /v1/logs.</summary>
    public string Endpoint { get; }

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var received = new ConcurrentQueue<(string, byte[])>();
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((signal, body.ToArray()));

            // An empty protobuf message is a valid (empty) export response.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return new OtlpCollector(app, received);
    }

    /// <summary>Names among <paramref name="names"/> that no export of <paramref name="signal"/> contained yet.</summary>
    public IReadOnlyList<string> Missing(string signal, IEnumerable<string> names) =>
        [.. names.Where(name => !_received.Any(r => string.Equals(r.Signal, signal, StringComparison.Ordinal)
            && r.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(name)) >= 0))];

    public async Task WaitForAsync(string signal, IReadOnlyList<string> names, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Missing(signal, names) is { Count: > 0 } missing)
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"no {signal} export named {string.Join(", ", missing)} within {timeout}; exports received: {string.Join(", ", _received.GroupBy(r => r.Signal).Select(g => g.Key + " x" + g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture)))}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
