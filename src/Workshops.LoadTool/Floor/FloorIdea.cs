namespace Workshops.LoadTool.Floor;

/// <summary>An idea on the floor: no moderation, no merging, only what a vote storm touches.</summary>
internal sealed record FloorIdea(string IdeaId, string BoardId, string Text, string AuthorKey, DateTimeOffset CreatedAt);
