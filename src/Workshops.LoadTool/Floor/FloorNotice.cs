namespace Workshops.LoadTool.Floor;

/// <summary>One event for one group of hub connections, queued in version order.</summary>
internal sealed record FloorNotice(string Group, string Method, object Payload);
