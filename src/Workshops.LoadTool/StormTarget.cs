namespace Workshops.LoadTool;

/// <summary>What a storm runs against: its name in the report, its URLs and admin key, and its own process's CPU when it runs apart.</summary>
public sealed record StormTarget(string Name, IReadOnlyList<string> Urls, string AdminKey, Func<TimeSpan?>? ServerCpu = null);
