using System.Buffers.Binary;
using System.Text;

namespace Workshops.Storage;

/// <summary>
/// The bytes of append blob records, little-endian:
/// batch = <c>1, batchId(16), firstVersion(8), count(4), count × (length(4), bytes)</c>;
/// link = <c>2, nameLength(4), UTF-8 name</c>. An append block holds whole records only, so a
/// blob always parses to the end.
/// </summary>
internal static class AzureEventLogFormat
{
    private const byte BatchKind = 1;
    private const byte LinkKind = 2;
    private const int BatchHeader = 1 + 16 + 8 + 4;

    /// <summary>Encodes a batch record.</summary>
    public static byte[] EncodeBatch(Guid batchId, long firstVersion, IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        long size = BatchHeader;
        foreach (var entry in entries)
        {
            size += 4 + entry.Length;
        }

        var bytes = new byte[checked((int)size)];
        bytes[0] = BatchKind;
        batchId.TryWriteBytes(bytes.AsSpan(1, 16));
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(17), firstVersion);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(25), entries.Count);
        var at = BatchHeader;
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), entry.Length);
            entry.Span.CopyTo(bytes.AsSpan(at + 4));
            at += 4 + entry.Length;
        }

        return bytes;
    }

    /// <summary>Encodes the link to the next generation.</summary>
    public static byte[] EncodeLink(string nextGeneration)
    {
        var name = Encoding.UTF8.GetBytes(nextGeneration);
        var bytes = new byte[1 + 4 + name.Length];
        bytes[0] = LinkKind;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), name.Length);
        name.CopyTo(bytes.AsSpan(5));
        return bytes;
    }

    /// <summary>Parses a whole blob into its records.</summary>
    /// <exception cref="InvalidDataException">The bytes are not records.</exception>
    public static List<AzureEventLogRecord> Parse(ReadOnlyMemory<byte> blob, string blobName)
    {
        var records = new List<AzureEventLogRecord>();
        var span = blob.Span;
        var at = 0;
        while (at < span.Length)
        {
            switch (span[at])
            {
                case BatchKind:
                {
                    Need(span, at, BatchHeader, blobName);
                    var batchId = new Guid(span.Slice(at + 1, 16));
                    var firstVersion = BinaryPrimitives.ReadInt64LittleEndian(span[(at + 17)..]);
                    var count = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 25)..]);
                    at += BatchHeader;
                    var entries = new List<ReadOnlyMemory<byte>>(Math.Max(0, count));
                    for (var i = 0; i < count; i++)
                    {
                        Need(span, at, 4, blobName);
                        var length = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
                        Need(span, at + 4, length, blobName);
                        entries.Add(blob.Slice(at + 4, length));
                        at += 4 + length;
                    }

                    records.Add(new AzureEventLogRecord(batchId, firstVersion, entries, null));
                    break;
                }

                case LinkKind:
                {
                    Need(span, at, 5, blobName);
                    var length = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 1)..]);
                    Need(span, at + 5, length, blobName);
                    records.Add(new AzureEventLogRecord(Guid.Empty, 0, [], Encoding.UTF8.GetString(span.Slice(at + 5, length))));
                    at += 5 + length;
                    break;
                }

                default:
                    throw new InvalidDataException($"Event log blob '{blobName}' has an unknown record kind {span[at]} at byte {at}.");
            }
        }

        return records;
    }

    private static void Need(ReadOnlySpan<byte> span, int at, int length, string blobName)
    {
        if (length < 0 || at + (long)length > span.Length)
        {
            throw new InvalidDataException($"Event log blob '{blobName}' ends inside a record at byte {at}.");
        }
    }
}
