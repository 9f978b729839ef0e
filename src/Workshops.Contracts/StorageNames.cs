namespace Workshops.Contracts;

/// <summary>Names shared by the grains and the host's storage registration.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider every Workshops grain persists through.</summary>
    public const string Workshops = "workshops";
}
