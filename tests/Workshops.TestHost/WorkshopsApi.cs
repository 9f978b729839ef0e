using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workshops.Contracts;

namespace Workshops.TestHost;

/// <summary>The HTTP side of the contract, as a test (or the load tool) calls it.</summary>
public sealed class WorkshopsApi(string baseUrl) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };

    public string BaseUrl { get; } = baseUrl;

    public HttpClient Http => _http;

    public sealed record TokenReply(string Token, Role Role, string? EventId, string? WorkshopId, string? ParticipantId);

    public async Task<TokenReply> SignInAsync(string key)
    {
        using var response = await _http.PostAsJsonAsync("api/auth/key", new { key }, Json);
        return await ReadAsync<TokenReply>(response);
    }

    public async Task<TokenReply> JoinAsync(string code, string? displayName = null, string? group = null, string? organization = null, string? previousToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/join")
        {
            Content = JsonContent.Create(new { code, displayName, organization, group }, options: Json),
        };
        if (previousToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", previousToken);
        }

        using var response = await _http.SendAsync(request);
        return await ReadAsync<TokenReply>(response);
    }

    public async Task<EventCreated> CreateEventAsync(string adminToken, EventProgram program)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/events") { Content = JsonContent.Create(program, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await _http.SendAsync(request);
        return await ReadAsync<EventCreated>(response);
    }

    public Task<T> GetAsync<T>(string path, string token) => SendAsync<T>(HttpMethod.Get, path, token);

    public async Task<T> SendAsync<T>(HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        return await ReadAsync<T>(response);
    }

    /// <summary>Sends and returns the raw response (status, problem body) for refusal tests.</summary>
    public async Task<(HttpStatusCode Status, string? Code, string Body)> TryAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var doc = JsonDocument.Parse(body);
            code = doc.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }

        return (response.StatusCode, code, body);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException($"{(int)response.StatusCode} {response.StatusCode}: {body}", null, response.StatusCode);
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public void Dispose() => _http.Dispose();
}
