using System.Net;
using Azure.Storage.Blobs;
using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Server.Tests;

/// <summary>
/// Erased means gone (contract section 11): names written through the real API, erased, then
/// looked for in every byte the server stores — each file of the SQLite data folder, each blob
/// of the Azure container (Azurite).
/// </summary>
public sealed class ErasureProofTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task After_the_moderators_purge_no_file_of_the_sqlite_data_folder_holds_a_name_in_utf8_or_utf16()
    {
        using var data = new TempDirectory("workshops-erasure");
        await using var server = await ServerHost.StartAsync(new ServerOptions { DataPath = data.Path });
        var scene = await PersonalDataScene.CreateAsync(server);

        // An organizer's badge for someone who has not joined yet: its name is personal data too.
        var (badgeName, badgeOrganization, badgeMarker) = PersonalDataScene.UniqueName("Gülşen");
        await scene.Api.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Post, $"api/events/{scene.EventId}/badges", scene.AdminToken,
            new { people = new[] { new { name = badgeName, organization = badgeOrganization } } });
        var everyone = scene.People.Append(new PersonalDataScene.Person(badgeName, badgeOrganization, badgeMarker, "", "", "", "")).ToList();

        // The control: before the purge the search finds every name, so it can fail.
        Assert.Contains(ErasureProof.Find(ErasureProof.DataFolder(data.Path), everyone), f => f.StartsWith("UTF-8 " + scene.People[0].Marker, StringComparison.Ordinal));
        Assert.Contains(ErasureProof.Find(ErasureProof.DataFolder(data.Path), everyone), f => f.StartsWith("UTF-8 " + scene.People[1].Organization, StringComparison.Ordinal));
        Assert.Contains(ErasureProof.Find(ErasureProof.DataFolder(data.Path), everyone), f => f.StartsWith("UTF-8 " + badgeName, StringComparison.Ordinal));

        await PurgeAsync(scene);

        Assert.Empty(ErasureProof.Find(ErasureProof.DataFolder(data.Path), everyone));
    }

    [Fact]
    public async Task After_delete_me_no_file_of_the_sqlite_data_folder_holds_that_persons_name_while_the_others_stays()
    {
        using var data = new TempDirectory("workshops-erasure-me");
        await using var server = await ServerHost.StartAsync(new ServerOptions { DataPath = data.Path });
        var scene = await PersonalDataScene.CreateAsync(server);
        var me = scene.People[0];

        var (status, _, body) = await scene.Api.TryAsync(HttpMethod.Delete, "api/me", me.Token);
        Assert.True(status == HttpStatusCode.NoContent, body);

        Assert.Empty(ErasureProof.Find(ErasureProof.DataFolder(data.Path), [me]));
        Assert.Contains(ErasureProof.Find(ErasureProof.DataFolder(data.Path), [scene.People[1]]), f => f.StartsWith("UTF-8 " + scene.People[1].Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_the_moderators_purge_no_blob_of_the_azure_container_holds_a_name_in_utf8_or_utf16_and_the_reminder_is_in_azure_table()
    {
        await using var server = await ServerHost.StartAsync(new ServerOptions { StorageProvider = "AzureBlob", AzureConnectionString = azurite.ConnectionString });
        var scene = await PersonalDataScene.CreateAsync(server);
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("workshops");

        // On Azure the retention reminder lives in Azure Table (Orleans' table provider).
        var reminders = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString).GetTableClient("OrleansReminders");
        var rows = new List<string>();
        await foreach (var row in reminders.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            rows.Add(string.Join(" ", row.Select(property => property.Value)));
        }

        Assert.Contains(rows, r => r.Contains(scene.EventId, StringComparison.Ordinal) && r.Contains("privacy-retention", StringComparison.Ordinal));
        Assert.Contains(ErasureProof.Find(await BlobsAsync(container), scene.People), f => f.StartsWith("UTF-8 " + scene.People[0].Marker, StringComparison.Ordinal));

        await PurgeAsync(scene);

        Assert.Empty(ErasureProof.Find(await BlobsAsync(container), scene.People));
    }

    private static async Task PurgeAsync(PersonalDataScene scene)
    {
        var moderator = (await scene.Api.SignInAsync(scene.Created.ModeratorKey)).Token;
        var (status, _, body) = await scene.Api.TryAsync(HttpMethod.Delete, $"api/events/{scene.EventId}/personal-data", moderator);
        Assert.True(status == HttpStatusCode.NoContent, body);
    }

    /// <summary>Every blob of the container, and its snapshots, downloaded.</summary>
    private static async Task<List<(string Name, byte[] Content)>> BlobsAsync(BlobContainerClient container)
    {
        var blobs = new List<(string, byte[])>();
        await foreach (var item in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { States = Azure.Storage.Blobs.Models.BlobStates.Snapshots }))
        {
            var client = container.GetBlobClient(item.Name);
            if (item.Snapshot is not null)
            {
                client = client.WithSnapshot(item.Snapshot);
            }

            var content = await client.DownloadContentAsync();
            blobs.Add((item.Name, content.Value.Content.ToArray()));
        }

        return blobs;
    }
}
