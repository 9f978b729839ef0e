using Workshops.Contracts;
using Workshops.Grains.Tests.Infrastructure;

namespace Workshops.Grains.Tests.Servers;

[Collection(SharedCluster.Name)]
public sealed class ClusterDirectoryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_directory_lists_reporting_servers_by_id_and_forgets_silent_ones()
    {
        var directory = fixture.Client.GetGrain<IClusterDirectoryGrain>(0);
        var b = "srv-" + Guid.NewGuid().ToString("N");
        var a = "srv-" + Guid.NewGuid().ToString("N");
        var reportedAt = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await directory.Report(new ServerReport(b, "http://127.0.0.1:5001", 3, 2, ["w1"], reportedAt));
        await directory.Report(new ServerReport(a, null, 1, 1, ["w1", "w2"], reportedAt));

        var servers = (await directory.GetServers()).Where(s => s.ServerId == a || s.ServerId == b).ToList();
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), servers.Select(s => s.ServerId));
        Assert.All(servers, s => Assert.Equal(fixture.Clock.GetUtcNow(), s.ReportedAt));
        var first = servers.Single(s => s.ServerId == b);
        Assert.Equal(("http://127.0.0.1:5001", 3, 2), (first.Url, first.Connections, first.People));
        Assert.Equal(new[] { "w1" }, first.Workshops);

        fixture.Clock.Advance(TimeSpan.FromSeconds(40));
        await directory.Report(new ServerReport(a, null, 0, 0, [], reportedAt));
        fixture.Clock.Advance(TimeSpan.FromSeconds(21));

        var left = (await directory.GetServers()).Where(s => s.ServerId == a || s.ServerId == b).ToList();
        Assert.Equal(a, Assert.Single(left).ServerId);
        Assert.Empty(left[0].Workshops);
    }
}
