namespace Workshops.Server.Tests;

/// <summary>The pages' Content-Security-Policy: scripts and connections to the page's own origin only.</summary>
[Collection(ServerCollection.Name)]
public sealed class ContentSecurityPolicyTests(ServerFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/w/any-workshop")]
    [InlineData("/api/events/by-code/ABC234")]
    public async Task Pages_and_answers_may_connect_to_their_own_origin_only(string path)
    {
        using var response = await fixture.Api.Http.GetAsync(path.TrimStart('/'));

        var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("connect-src 'self'", directives);
        Assert.Contains("script-src 'self'", directives);
        Assert.DoesNotContain("ws:", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("wss:", policy, StringComparison.Ordinal);
    }
}
