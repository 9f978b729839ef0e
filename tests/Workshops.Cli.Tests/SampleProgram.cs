using System.Text.Json;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Cli.Tests;

/// <summary>docs/samples/program.json, the consultation meeting, as the tests expect to see it back.</summary>
public static class SampleProgram
{
    public const string Title = "2. Ulusal Danışma Toplantısı";

    public static IReadOnlyList<string> WorkshopTitles { get; } =
    [
        "Hassas Gruplar",
        "İş Dünyası, Sektörel İş Birliği ve Sosyal Girişimcilik",
        "Çevre, İklim, Gıda ve Enerji",
        "Kültür ve Sanat",
        "Eğitim ve Gençlik",
    ];

    public static EventProgram Read() =>
        JsonSerializer.Deserialize<EventProgram>(File.ReadAllText(CliServerFixture.SampleProgram), WorkshopsApi.Json)!;
}
