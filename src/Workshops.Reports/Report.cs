namespace Workshops.Reports;

/// <summary>A finished download: the bytes, their media type and the suggested file name.</summary>
public sealed record Report(byte[] Content, string ContentType, string FileName);
