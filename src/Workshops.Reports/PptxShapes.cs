using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Workshops.Reports;

/// <summary>
/// Text boxes and plain rectangles (the support bars) in EMU. One instance per slide hands out
/// the shape ids, which must be unique within a slide.
/// </summary>
internal sealed class PptxShapes(string language)
{
    public const long Inch = 914400;
    private uint _nextId = 2;

    public readonly record struct Line(string Text, int Size, bool Bold = false, string Color = PptxParts.Ink, bool Centered = false);

    public P.Shape Text(long x, long y, long cx, long cy, IEnumerable<Line> lines, bool middle = false)
    {
        var id = _nextId++;
        var body = new P.TextBody(
            new A.BodyProperties(new A.NormalAutoFit())
            {
                Wrap = A.TextWrappingValues.Square,
                LeftInset = 0,
                TopInset = 0,
                RightInset = 0,
                BottomInset = 0,
                Anchor = middle ? A.TextAnchoringTypeValues.Center : A.TextAnchoringTypeValues.Top,
            },
            new A.ListStyle());
        foreach (var line in lines)
        {
            body.Append(Paragraph(line));
        }

        return new P.Shape(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = id, Name = "Text " + id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }) { TextBox = true },
                new P.ApplicationNonVisualDrawingProperties()),
            new P.ShapeProperties(Transform(x, y, cx, cy), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }, new A.NoFill()),
            body);
    }

    public P.Shape Rectangle(long x, long y, long cx, long cy, string color)
    {
        var id = _nextId++;
        return new P.Shape(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = id, Name = "Bar " + id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new P.NonVisualShapeDrawingProperties(),
                new P.ApplicationNonVisualDrawingProperties()),
            new P.ShapeProperties(
                Transform(x, y, Math.Max(cx, 1), cy),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle },
                new A.SolidFill(new A.RgbColorModelHex { Val = color }),
                new A.Outline(new A.NoFill())));
    }

    /// <summary>The speaker notes' text body (the notes page's body placeholder).</summary>
    public P.Shape NotesBody(IEnumerable<Line> lines)
    {
        var body = new P.TextBody(new A.BodyProperties(), new A.ListStyle());
        foreach (var line in lines)
        {
            body.Append(Paragraph(line));
        }

        return new P.Shape(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = _nextId++, Name = "Notes" },
                new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }),
                new P.ApplicationNonVisualDrawingProperties(new P.PlaceholderShape { Type = P.PlaceholderValues.Body, Index = 1U })),
            new P.ShapeProperties(Transform(685800, 4400550, 5486400, 3600450)),
            body);
    }

    private static A.Transform2D Transform(long x, long y, long cx, long cy) =>
        new(new A.Offset { X = x, Y = y }, new A.Extents { Cx = cx, Cy = cy });

    /// <summary>One paragraph; line breaks in people's text become line breaks, XML-unsafe characters are dropped.</summary>
    private A.Paragraph Paragraph(Line line)
    {
        var paragraph = new A.Paragraph(new A.ParagraphProperties
        {
            Alignment = line.Centered ? A.TextAlignmentTypeValues.Center : A.TextAlignmentTypeValues.Left,
        });
        var parts = DocxReportWriter.Clean(line.Text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                paragraph.Append(new A.Break { RunProperties = RunProperties(line) });
            }

            paragraph.Append(new A.Run(RunProperties(line), new A.Text(parts[i])));
        }

        paragraph.Append(new A.EndParagraphRunProperties { Language = language, FontSize = line.Size, Dirty = false });
        return paragraph;
    }

    private A.RunProperties RunProperties(Line line) => new(
        new A.SolidFill(new A.RgbColorModelHex { Val = line.Color }),
        new A.LatinFont { Typeface = PptxParts.Font })
    {
        Language = language,
        FontSize = line.Size,
        Bold = line.Bold,
        Dirty = false,
    };
}
