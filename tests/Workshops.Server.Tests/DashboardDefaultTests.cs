using System.Net;
using System.Net.Http.Headers;

namespace Workshops.Server.Tests;

/// <summary>
/// The Orleans dashboard is off unless configured (Workshops:Dashboard:Enabled): its profiling
/// filter wraps every grain call. Its access rules are tested where it is on (OperationsTests,
/// ForwardedHeadersTests).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class DashboardDefaultTests(ServerFixture fixture)
{
    [Theory]
    [InlineData("dashboard/")]
    [InlineData("dashboard/DashboardCounters")]
    public async Task A_server_started_with_the_defaults_serves_no_dashboard_even_to_an_admin(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminToken);

        using var response = await fixture.Api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
