namespace Workshops.LoadTool.Output;

/// <summary>One target of the issue: what was asked, what was measured, met or not.</summary>
public sealed record TargetCheck(string Target, string Measured, bool Met);
