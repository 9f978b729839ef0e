namespace Workshops.Domain.State;

[GenerateSerializer, Alias("Workshops.Domain.OutputState")]
public sealed class OutputState
{
    [Id(0)] public string Text { get; set; } = "";
    [Id(1)] public List<string> SourceIdeaIds { get; set; } = [];
}
