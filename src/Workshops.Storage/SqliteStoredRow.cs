namespace Workshops.Storage;

/// <summary>A grain state row as read from the database.</summary>
/// <param name="ETag">The row's ETag.</param>
/// <param name="Payload">The serialized state.</param>
internal readonly record struct SqliteStoredRow(string ETag, byte[] Payload);
