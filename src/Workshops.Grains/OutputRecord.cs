namespace Workshops.Grains;

/// <summary>Legacy, read-only: part of <see cref="WorkshopState"/>. Never rename or renumber a member.</summary>
[GenerateSerializer, Alias("Workshops.OutputRecord")]
public sealed class OutputRecord
{
    [Id(0)] public string Text { get; set; } = "";
    [Id(1)] public List<string> SourceIdeaIds { get; set; } = [];
}
