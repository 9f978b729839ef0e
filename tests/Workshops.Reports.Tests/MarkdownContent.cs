using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Workshops.Reports.Tests;

/// <summary>A Markdown report parsed by Markdig, with helpers to read back literal texts.</summary>
internal sealed class MarkdownContent
{
    public static readonly MarkdownPipeline CommonMark = new MarkdownPipelineBuilder().Build();

    // GitHub-like rendering: tables, autolinks, emphasis extras, math, footnotes, list extras...
    public static readonly MarkdownPipeline Advanced = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private MarkdownContent(MarkdownDocument document, string text)
    {
        Document = document;
        Text = text;
    }

    public MarkdownDocument Document { get; }

    public string Text { get; }

    public static MarkdownContent Parse(byte[] utf8, MarkdownPipeline pipeline)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
        return new MarkdownContent(Markdown.Parse(text, pipeline), text);
    }

    public static MarkdownPipeline Pipeline(string name) => name == nameof(Advanced) ? Advanced : CommonMark;

    public IEnumerable<string> Headings(int level) =>
        Document.Descendants<HeadingBlock>().Where(heading => heading.Level == level).Select(heading => TextOf(heading.Inline));

    /// <summary>The blocks between a heading and the next heading of the same or a higher level.</summary>
    public IReadOnlyList<Block> Section(int level, string heading, int occurrence = 0)
    {
        var blocks = Document.ToList();
        var starts = blocks
            .Select((block, index) => (block, index))
            .Where(pair => pair.block is HeadingBlock h && h.Level == level && TextOf(h.Inline) == heading)
            .Select(pair => pair.index)
            .ToList();
        var start = starts[occurrence] + 1;
        var end = start;
        while (end < blocks.Count && !(blocks[end] is HeadingBlock next && next.Level <= level))
        {
            end++;
        }

        return blocks.GetRange(start, end - start);
    }

    /// <summary>The literal text of inlines: what a reader sees, escapes removed.</summary>
    public static string TextOf(ContainerInline? inline)
    {
        var text = new StringBuilder();
        if (inline is null)
        {
            return "";
        }

        foreach (var child in inline.Descendants())
        {
            switch (child)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    text.Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>The text of each item of a list (the text of its first paragraph).</summary>
    public static IReadOnlyList<string> Items(Block list) =>
        ((ListBlock)list).OfType<ListItemBlock>()
            .Select(item => TextOf(item.Descendants<ParagraphBlock>().First().Inline))
            .ToList();

    public static string TextOf(Block paragraph) => TextOf(((ParagraphBlock)paragraph).Inline);
}
