using System.Globalization;
using System.Text;
using ZXing;
using ZXing.Common;

namespace Workshops.Browser.Tests;

/// <summary>
/// An 8-bit grey picture as pdftoppm writes it (binary PGM, "P5"): read by hand because the format
/// is four header fields and the bytes, and decoded for QR codes by ZXing.Net.
/// </summary>
public sealed class GreyImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public static GreyImage ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 0;
        string Field()
        {
            while (position < bytes.Length && (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == '#'))
            {
                if (bytes[position] == '#')
                {
                    while (bytes[position] != '\n')
                    {
                        position++;
                    }
                }

                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            return Encoding.ASCII.GetString(bytes, start, position - start);
        }

        Assert.Equal("P5", Field());
        var width = int.Parse(Field(), CultureInfo.InvariantCulture);
        var height = int.Parse(Field(), CultureInfo.InvariantCulture);
        Assert.Equal("255", Field());
        position++; // the single white space before the pixels
        Assert.Equal(width * height, bytes.Length - position);
        return new GreyImage(width, height, bytes[position..]);
    }

    /// <summary>The text of the one QR code in the picture, or null when none is found.</summary>
    public string? DecodeQr()
    {
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = false,
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true },
        };
        return reader.Decode(new RGBLuminanceSource(pixels, Width, Height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }
}
