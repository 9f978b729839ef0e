using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Workshops.Browser.Tests;

/// <summary>A deck the browser downloaded, read back with the OpenXml SDK: each slide's paragraphs and the validator's errors.</summary>
internal sealed record DownloadedDeck(IReadOnlyList<IReadOnlyList<string>> Slides, IReadOnlyList<string> Errors)
{
    public static DownloadedDeck Read(string path)
    {
        using var document = PresentationDocument.Open(path, false);
        var errors = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document)
            .Select(e => e.Part?.Uri + " " + e.Path?.XPath + ": " + e.Description)
            .ToList();
        var presentation = document.PresentationPart!;
        var slides = presentation.Presentation.SlideIdList!.Elements<P.SlideId>()
            .Select(id => (IReadOnlyList<string>)[.. ((SlidePart)presentation.GetPartById(id.RelationshipId!)).Slide
                .Descendants<A.Paragraph>().Select(p => string.Concat(p.Descendants<A.Text>().Select(t => t.Text)))])
            .ToList();
        return new DownloadedDeck(slides, errors);
    }
}
