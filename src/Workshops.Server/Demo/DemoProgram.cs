using Workshops.Contracts;

namespace Workshops.Server.Demo;

/// <summary>The consultation meeting of the brief: five thematic workshops, three output areas.</summary>
internal static class DemoProgram
{
    public static EventProgram Create() => new()
    {
        Title = "2. Ulusal Danışma Toplantısı",
        Date = "2021-11-25",
        Venue = "Ankara",
        Language = "tr",
        OutputAreas = ["Etki", "Sürdürülebilirlik", "İş Birliği"],
        Workshops =
        [
            new() { Title = "Hassas Gruplar" },
            new() { Title = "İş Dünyası, Sektörel İş Birliği ve Sosyal Girişimcilik" },
            new() { Title = "Çevre, İklim, Gıda ve Enerji" },
            new() { Title = "Kültür ve Sanat" },
            new() { Title = "Eğitim ve Gençlik" },
        ],
    };
}
