using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Workshops.Contracts;

namespace Workshops.LoadTool.Storm;

/// <summary>The HTTP calls of the storm against one server (PROTOCOL.md sections 1, 2 and 5).</summary>
public sealed class StormApi : IDisposable
{
    private readonly HttpClient _http;

    public StormApi(string baseUrl, TimeSpan timeout)
    {
        BaseUrl = baseUrl.TrimEnd('/');
        _http = new HttpClient(new SocketsHttpHandler
        {
            // A few hundred joins at once reuse a bounded pool instead of opening a socket each.
            MaxConnectionsPerServer = 64,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            BaseAddress = new Uri(BaseUrl + "/"),
            Timeout = timeout,
        };
    }

    public string BaseUrl { get; }

    public Task<TokenReply> SignInAsync(string key, CancellationToken cancellationToken) =>
        SendAsync<TokenReply>(HttpMethod.Post, "api/auth/key", null, new { key }, cancellationToken);

    public Task<TokenReply> JoinAsync(string code, string displayName, string? group, CancellationToken cancellationToken) =>
        SendAsync<TokenReply>(HttpMethod.Post, "api/auth/join", null, new { code, displayName, group }, cancellationToken);

    public Task<EventCreated> CreateEventAsync(string adminToken, EventProgram program, CancellationToken cancellationToken) =>
        SendAsync<EventCreated>(HttpMethod.Post, "api/events", adminToken, program, cancellationToken);

    public Task<EventExport> ExportAsync(string token, string eventId, CancellationToken cancellationToken) =>
        SendAsync<EventExport>(HttpMethod.Get, "api/events/" + Uri.EscapeDataString(eventId) + "/export?format=json", token, null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string? token, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: StormJson.Options);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new StormHttpException(response.StatusCode, ProblemCode(text), $"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return await response.Content.ReadFromJsonAsync<T>(StormJson.Options, cancellationToken)
            ?? throw new StormHttpException($"{method} {path}: empty reply");
    }

    private static string? ProblemCode(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("code", out var code)
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
