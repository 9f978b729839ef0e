using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Workshops.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class DeckExportTests(ServerFixture fixture)
{
    [Fact]
    public async Task Both_export_routes_give_the_closing_deck_as_pptx()
    {
        var created = await fixture.CreateEventAsync();
        var moderator = (await fixture.Api.SignInAsync(created.ModeratorKey)).Token;
        var facilitator = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;

        foreach (var (path, token, slides) in new[]
        {
            ($"api/events/{created.EventId}/export?format=pptx", moderator, created.Workshops.Count + 2),
            ($"api/workshops/{created.Workshops[0].WorkshopId}/export?format=pptx", facilitator, 3),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await fixture.Api.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.presentationml.presentation", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.EndsWith(".pptx", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
            using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
            Assert.NotNull(zip.GetEntry("ppt/presentation.xml"));
            Assert.Equal(slides, zip.Entries.Count(e => e.FullName.StartsWith("ppt/slides/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)));
            using var reader = new StreamReader(zip.GetEntry("ppt/slides/slide1.xml")!.Open(), Encoding.UTF8);
            Assert.Contains("Kapanış oturumu", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }
    }
}
