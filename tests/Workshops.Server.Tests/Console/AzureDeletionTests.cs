using Azure.Storage.Blobs;
using Workshops.Contracts;
using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Server.Tests.Console;

/// <summary>DELETE /api/events/{eventId} on the cluster profile: no blob of the event is left in the container.</summary>
public sealed class AzureDeletionTests
{
    [Fact]
    public async Task Deleted_event_leaves_no_blob_in_the_azure_container()
    {
        await using var azurite = await Azurite.StartNewAsync();
        await using var server = await ServerHost.StartAsync(new ServerOptions { StorageProvider = "AzureBlob", AzureConnectionString = azurite.ConnectionString });
        using var api = server.Api();
        var admin = (await api.SignInAsync(server.AdminKey)).Token;
        var created = await api.CreateEventAsync(admin, new EventProgram
        {
            Title = "Bulutta Silinecek",
            Workshops = [new() { Title = "Bir" }, new() { Title = "İki" }],
        });
        await api.JoinAsync(created.JoinCode, "Ayşe");
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("workshops");
        var needles = ConsoleApi.StorageNeedles(created);
        // The event, its join code, three key records; and each workshop's event log, under eventlog/.
        var stored = await BlobsMentioningAsync(container, needles);
        Assert.Equal(5, stored.Count(name => !name.StartsWith("eventlog/", StringComparison.Ordinal)));
        Assert.All(created.Workshops, w => Assert.Contains(stored, name => name.StartsWith("eventlog/", StringComparison.Ordinal) && name.Contains(w.WorkshopId, StringComparison.OrdinalIgnoreCase)));

        await api.DeleteAsync(admin, created.EventId);

        Assert.Empty(await BlobsMentioningAsync(container, needles));
        Assert.Equal(ErrorCodes.NotFound, (await api.TryAsync(HttpMethod.Get, "api/events/" + created.EventId, admin)).Code);
    }

    private static async Task<List<string>> BlobsMentioningAsync(BlobContainerClient container, string[] needles)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            if (needles.Any(n => blob.Name.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }
}
