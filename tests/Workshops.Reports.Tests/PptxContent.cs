using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Workshops.Reports.Tests;

/// <summary>A deck read back with the OpenXml SDK: slide size, each slide's paragraphs and notes, and validation errors.</summary>
internal sealed class PptxContent
{
    private PptxContent(long width, long height, IReadOnlyList<IReadOnlyList<string>> slides, IReadOnlyList<IReadOnlyList<string>> notes, IReadOnlyList<string> errors, IReadOnlyList<int> shapeCounts)
    {
        Width = width;
        Height = height;
        Slides = slides;
        Notes = notes;
        Errors = errors;
        ShapeCounts = shapeCounts;
    }

    public long Width { get; }

    public long Height { get; }

    /// <summary>Per slide, in order, its paragraphs' texts (a line break reads as "\n").</summary>
    public IReadOnlyList<IReadOnlyList<string>> Slides { get; }

    /// <summary>Per slide, its speaker notes' paragraphs (empty when none).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Notes { get; }

    public IReadOnlyList<string> Errors { get; }

    public IReadOnlyList<int> ShapeCounts { get; }

    public static PptxContent Read(byte[] bytes, FileFormatVersions version = FileFormatVersions.Office2007)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var document = PresentationDocument.Open(stream, false);
        var errors = new OpenXmlValidator(version).Validate(document)
            .Select(e => e.Part?.Uri + " " + e.Path?.XPath + ": " + e.Description)
            .ToList();
        var presentation = document.PresentationPart!;
        var size = presentation.Presentation.SlideSize!;
        var slides = new List<IReadOnlyList<string>>();
        var notes = new List<IReadOnlyList<string>>();
        var shapes = new List<int>();
        foreach (var id in presentation.Presentation.SlideIdList!.Elements<P.SlideId>())
        {
            var part = (SlidePart)presentation.GetPartById(id.RelationshipId!);
            slides.Add(Paragraphs(part.Slide));
            shapes.Add(part.Slide.Descendants<P.Shape>().Count());
            notes.Add(part.NotesSlidePart is { } n ? Paragraphs(n.NotesSlide) : []);
        }

        return new PptxContent(size.Cx!.Value, size.Cy!.Value, slides, notes, errors, shapes);
    }

    private static List<string> Paragraphs(OpenXmlElement root) =>
        [.. root.Descendants<A.Paragraph>().Select(p => string.Concat(p.ChildElements.Select(c => c switch
        {
            A.Run run => run.Text?.Text ?? "",
            A.Break => "\n",
            _ => "",
        })))];
}
