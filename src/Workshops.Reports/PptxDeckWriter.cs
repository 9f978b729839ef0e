using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using Workshops.Contracts;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using Line = Workshops.Reports.PptxShapes.Line;

namespace Workshops.Reports;

/// <summary>
/// The closing deck for the plenary (PROTOCOL.md section 12): 16:9, a title slide, one slide per
/// workshop with its outputs (area, text, votes, consensus) and each qualifying group's support
/// drawn as bars, a closing slide with the totals, and each board's top five ideas in the
/// speaker notes. Drawn with plain shapes, not a chart part: they render the same in
/// PowerPoint, LibreOffice and Keynote, and read back as text.
/// </summary>
internal static class PptxDeckWriter
{
    public const long SlideWidth = 12192000;
    public const long SlideHeight = 6858000;
    public const int TopIdeasInNotes = 5;
    private const long Margin = PptxShapes.Inch / 2;

    public static byte[] Write(EventExport export, ReportTexts texts)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, DocumentFormat.OpenXml.PresentationDocumentType.Presentation))
        {
            // Fixed relationship ids, as in the Word report: the same export gives the same parts.
            var presentation = document.AddNewPart<PresentationPart>("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "rIdMain");
            DocxReportWriter.CoreProperties(document.AddNewPart<CoreFilePropertiesPart>("rIdCore"), export, texts, texts.DeckSubtitle);
            var (layout, notesMaster) = PptxParts.AddTo(presentation);

            var slides = new List<(P.Slide Slide, IReadOnlyList<Line>? Notes)> { (TitleSlide(export, texts), null) };
            slides.AddRange(export.Workshops.Select(w => (WorkshopSlide(w, texts), (IReadOnlyList<Line>?)Notes(w, texts))));
            slides.Add((ClosingSlide(export, texts), null));

            var ids = new P.SlideIdList();
            for (var i = 0; i < slides.Count; i++)
            {
                var relationshipId = "rIdSlide" + (i + 1).ToString(CultureInfo.InvariantCulture);
                var part = presentation.AddNewPart<SlidePart>(relationshipId);
                part.Slide = slides[i].Slide;
                part.AddPart(layout, "rIdLayout");
                if (slides[i].Notes is { } notes)
                {
                    var notesPart = part.AddNewPart<NotesSlidePart>("rIdNotes");
                    notesPart.AddPart(notesMaster, "rIdNotesMaster");
                    notesPart.AddPart(part, "rIdSlide");
                    var tree = PptxParts.EmptyTree();
                    tree.Append(new PptxShapes(texts.Language).NotesBody(notes));
                    notesPart.NotesSlide = new P.NotesSlide(new P.CommonSlideData(tree), new P.ColorMapOverride(new A.MasterColorMapping()));
                }

                ids.Append(new P.SlideId { Id = (uint)(256 + i), RelationshipId = relationshipId });
            }

            presentation.Presentation = new P.Presentation(
                new P.SlideMasterIdList(new P.SlideMasterId { Id = 2147483648U, RelationshipId = "rIdMaster" }),
                new P.NotesMasterIdList(new P.NotesMasterId { Id = "rIdNotesMaster" }),
                ids,
                new P.SlideSize { Cx = (int)SlideWidth, Cy = (int)SlideHeight },
                new P.NotesSize { Cx = 6858000, Cy = 9144000 },
                new P.DefaultTextStyle());
        }

        return stream.ToArray();
    }

    private static P.Slide Slide(IEnumerable<P.Shape> shapes)
    {
        var tree = PptxParts.EmptyTree();
        foreach (var shape in shapes)
        {
            tree.Append(shape);
        }

        return new P.Slide(new P.CommonSlideData(tree), new P.ColorMapOverride(new A.MasterColorMapping()));
    }

    private static P.Slide TitleSlide(EventExport export, ReportTexts texts)
    {
        var shapes = new PptxShapes(texts.Language);
        var facts = new[] { texts.LongDate(export.Date), export.Venue ?? "" }.Where(f => f.Length > 0);
        return Slide(
        [
            shapes.Rectangle(0, 0, SlideWidth, PptxShapes.Inch / 8, PptxParts.Accent),
            shapes.Text(Margin * 2, PptxShapes.Inch * 2, SlideWidth - (Margin * 4), PptxShapes.Inch * 2,
                [new Line(export.Title, 4000, Bold: true, Centered: true)], middle: true),
            shapes.Text(Margin * 2, PptxShapes.Inch * 4, SlideWidth - (Margin * 4), PptxShapes.Inch * 3 / 4,
                [new Line(texts.DeckSubtitle, 2400, Color: PptxParts.Accent, Centered: true)]),
            shapes.Text(Margin * 2, PptxShapes.Inch * 19 / 4, SlideWidth - (Margin * 4), PptxShapes.Inch * 3 / 4,
                [new Line(string.Join(" · ", facts), 1800, Color: PptxParts.Muted, Centered: true)]),
        ]);
    }

    private static P.Slide WorkshopSlide(WorkshopExport workshop, ReportTexts texts)
    {
        var shapes = new PptxShapes(texts.Language);
        var list = new List<P.Shape>
        {
            shapes.Rectangle(0, 0, SlideWidth, PptxShapes.Inch / 8, PptxParts.Accent),
            shapes.Text(Margin, PptxShapes.Inch * 3 / 10, SlideWidth - (2 * Margin), PptxShapes.Inch * 7 / 10,
                [new Line(workshop.Title, 2800, Bold: true)], middle: true),
            shapes.Text(Margin, PptxShapes.Inch, SlideWidth - (2 * Margin), PptxShapes.Inch * 4 / 10,
                [new Line(string.Join(" · ",
                    texts.Participants + " " + ReportTexts.Number(workshop.Participants),
                    texts.Ideas + " " + ReportTexts.Number(workshop.Ideas),
                    texts.Votes + " " + texts.VoteTotal(workshop.Votes + workshop.HallVotes, workshop.HallVotes)), 1400, Color: PptxParts.Muted)]),
        };

        var top = PptxShapes.Inch * 3 / 2;
        var rowHeight = (SlideHeight - top - (Margin / 2)) / Math.Max(1, workshop.Outputs.Count);
        var textWidth = PptxShapes.Inch * 15 / 2;
        var barsLeft = Margin + textWidth + (PptxShapes.Inch / 4);
        var barsWidth = SlideWidth - Margin - barsLeft;
        for (var i = 0; i < workshop.Outputs.Count; i++)
        {
            var output = workshop.Outputs[i];
            var y = top + (i * rowHeight);
            list.Add(shapes.Rectangle(Margin, y, SlideWidth - (2 * Margin), 12700, PptxParts.Track));
            var text = output.Text.Length == 0 ? texts.NoIdeas : output.Text;
            list.Add(shapes.Text(Margin, y + 45720, textWidth, rowHeight - 91440,
            [
                new Line(output.Area, 1400, Bold: true, Color: PptxParts.Accent),
                new Line(text, TextSize(text, rowHeight)),
                new Line(texts.VoteCount(output.Votes, output.HallVotes) + " · " + texts.ConsensusText(output.Consensus), 1200, Color: PptxParts.Muted),
            ]));
            list.AddRange(SupportBars(shapes, output.Support, texts, barsLeft, y + 45720, barsWidth, rowHeight - 91440));
        }

        return Slide(list);
    }

    /// <summary>One labelled bar per qualifying group, most support first; the bar's length is the support (0..1).</summary>
    private static IEnumerable<P.Shape> SupportBars(PptxShapes shapes, IReadOnlyList<GroupSupport> support, ReportTexts texts, long x, long y, long width, long height)
    {
        if (support.Count == 0)
        {
            yield break;
        }

        var lineHeight = Math.Min(PptxShapes.Inch * 3 / 10, height / (support.Count + 1));
        var size = lineHeight >= PptxShapes.Inch / 4 ? 1100 : 900;
        var labelWidth = width * 11 / 20;
        var trackLeft = x + labelWidth + (PptxShapes.Inch / 10);
        var trackWidth = x + width - trackLeft;
        yield return shapes.Text(x, y, width, lineHeight, [new Line(texts.SupportByGroup, size, Bold: true, Color: PptxParts.Muted)]);
        var row = 1;
        foreach (var group in support.OrderByDescending(s => s.Support).ThenBy(s => s.Group, StringComparer.Ordinal))
        {
            var lineTop = y + (row++ * lineHeight);
            yield return shapes.Text(x, lineTop, labelWidth, lineHeight, [new Line(texts.SupportText(group), size)], middle: true);
            var barTop = lineTop + (lineHeight / 4);
            yield return shapes.Rectangle(trackLeft, barTop, trackWidth, lineHeight / 2, PptxParts.Track);
            yield return shapes.Rectangle(trackLeft, barTop, (long)(trackWidth * Math.Clamp(group.Support, 0, 1)), lineHeight / 2, PptxParts.Accent);
        }
    }

    /// <summary>Smaller type for long outputs and crowded slides; normAutofit shrinks the rest where the viewer supports it.</summary>
    private static int TextSize(string text, long rowHeight)
    {
        var size = text.Length switch
        {
            <= 90 => 2000,
            <= 200 => 1600,
            <= 400 => 1300,
            _ => 1100,
        };
        return rowHeight < PptxShapes.Inch ? Math.Min(size, 1400) : size;
    }

    private static P.Slide ClosingSlide(EventExport export, ReportTexts texts)
    {
        var shapes = new PptxShapes(texts.Language);
        var ideas = export.Workshops.SelectMany(w => w.Boards).SelectMany(b => b.Ideas).ToList();
        var groups = ideas.SelectMany(i => i.VotesByGroup).Where(p => p.Key.Length > 0 && p.Value > 0)
            .Select(p => p.Key).Distinct(StringComparer.Ordinal).Count();
        var totals = new (string Label, int Value)[]
        {
            // People, each once; an export without the event's count can only offer attendances.
            export.Participants is { } people ? (texts.Participants, people) : (texts.Attendances, export.Workshops.Sum(w => w.Participants)),
            (texts.Groups, groups),
            (texts.Ideas, export.Workshops.Sum(w => w.Ideas)),
            (texts.Votes, export.Workshops.Sum(w => w.Votes + w.HallVotes)),
        };
        var list = new List<P.Shape>
        {
            shapes.Rectangle(0, 0, SlideWidth, PptxShapes.Inch / 8, PptxParts.Accent),
            shapes.Text(Margin, PptxShapes.Inch, SlideWidth - (2 * Margin), PptxShapes.Inch,
                [new Line(texts.ClosingTitle, 3600, Bold: true, Centered: true)], middle: true),
        };
        var tileWidth = (SlideWidth - (2 * Margin)) / totals.Length;
        for (var i = 0; i < totals.Length; i++)
        {
            list.Add(shapes.Text(Margin + (i * tileWidth), PptxShapes.Inch * 11 / 4, tileWidth, PptxShapes.Inch * 5 / 2,
            [
                new Line(ReportTexts.Number(totals[i].Value), 6000, Bold: true, Color: PptxParts.Accent, Centered: true),
                new Line(totals[i].Label, 2000, Color: PptxParts.Muted, Centered: true),
            ]));
        }

        if (export.GroupSource is { } source)
        {
            // Section 8: whether the groups behind the per-group support were set on badges or declared.
            list.Add(shapes.Text(Margin, PptxShapes.Inch * 21 / 4, SlideWidth - (2 * Margin), PptxShapes.Inch * 3 / 4,
                [new Line(texts.GroupSourceLabel + ": " + texts.GroupSourceText(source), 1400, Color: PptxParts.Muted, Centered: true)]));
        }

        list.Add(shapes.Text(Margin, PptxShapes.Inch * 6, SlideWidth - (2 * Margin), PptxShapes.Inch / 2,
            [new Line(export.Title, 1600, Color: PptxParts.Muted, Centered: true)]));
        return Slide(list);
    }

    /// <summary>Each board's top five visible ideas, for the person presenting.</summary>
    private static List<Line> Notes(WorkshopExport workshop, ReportTexts texts)
    {
        var lines = new List<Line> { new(texts.TopIdeas, 1200, Bold: true) };
        foreach (var board in workshop.Boards)
        {
            lines.Add(new Line(board.Area, 1200, Bold: true));
            var top = board.Ideas.Where(i => i.Status == IdeaStatus.Visible).Take(TopIdeasInNotes).ToList();
            if (top.Count == 0)
            {
                lines.Add(new Line(texts.NoIdeas, 1200));
            }

            for (var i = 0; i < top.Count; i++)
            {
                var facts = texts.VoteCount(top[i].Votes + top[i].HallVotes, top[i].HallVotes)
                    + (top[i].Source == IdeaSource.Paper ? " · " + texts.FromPaper : "")
                    + (top[i].Consensus is { } c ? " · " + texts.Consensus + " " + texts.Decimal(c) : "");
                lines.Add(new Line(ReportTexts.Number(i + 1) + ". " + top[i].Text + " (" + facts + ")", 1200));
            }
        }

        return lines;
    }
}
