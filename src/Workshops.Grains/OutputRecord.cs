namespace Workshops.Grains;

[GenerateSerializer, Alias("Workshops.OutputRecord")]
public sealed class OutputRecord
{
    [Id(0)] public string Text { get; set; } = "";
    [Id(1)] public List<string> SourceIdeaIds { get; set; } = [];
}
