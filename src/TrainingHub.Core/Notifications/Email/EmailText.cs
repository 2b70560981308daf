using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// The plain-text part, read from the rendered HTML so that both parts always say the same: headings and paragraphs
/// as paragraphs, a definition list as "Label: value" lines, a link as "text: address" (or the address alone when it
/// is its own text), a rule as "--". The templates and the layout write well-formed markup (void elements closed) so
/// it reads as XML; a template that does not fails its rendering test.
/// </summary>
public static partial class EmailText
{
    public static string FromHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        // A value saved with control characters (a title with a bell or a form feed from an old import) arrives as a
        // character reference XML 1.0 forbids: it is read rather than refused, and left out of the text below.
        using var reader = XmlReader.Create(new StringReader(html.TrimStart()), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, CheckCharacters = false });
        var body = XDocument.Load(reader).Root?.Element("body") ?? throw new FormatException("The email has no body.");
        var text = new StringBuilder();
        foreach (var block in body.Elements())
        {
            Block(block, text);
        }

        return Controls().Replace(text.ToString(), "").TrimEnd() + "\n";
    }

    private static void Block(XElement e, StringBuilder text)
    {
        switch (e.Name.LocalName)
        {
            case "dl":
                foreach (var term in e.Elements("dt"))
                {
                    var value = term.ElementsAfterSelf().FirstOrDefault();
                    text.Append(Inline(term)).Append(": ").Append(value is null ? "" : Inline(value)).Append('\n');
                }

                text.Append('\n');
                break;
            case "ul":
                foreach (var item in e.Elements("li"))
                {
                    text.Append("- ").Append(Inline(item)).Append('\n');
                }

                text.Append('\n');
                break;
            case "hr":
                text.Append("--\n");
                break;
            case "div":
                foreach (var inner in e.Elements())
                {
                    Block(inner, text);
                }

                break;
            default:
                var line = Inline(e);
                if (line.Length > 0)
                {
                    text.Append(line).Append("\n\n");
                }

                break;
        }
    }

    private static string Inline(XElement e)
    {
        var text = new StringBuilder();
        foreach (var node in e.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement { Name.LocalName: "a" } a:
                    var label = Inline(a);
                    var href = (string?)a.Attribute("href") ?? "";
                    text.Append(label.Length == 0 || label == href ? href : $"{label}: {href}");
                    break;
                case XElement { Name.LocalName: "br" }:
                    text.Append('\n');
                    break;
                case XElement inner:
                    text.Append(Inline(inner));
                    break;
            }
        }

        return string.Join('\n', text.ToString().Split('\n').Select(l => Spaces().Replace(l, " ").Trim())).Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Control characters other than the line feed that separates the text's lines.</summary>
    [GeneratedRegex(@"[\p{Cc}-[\n]]")]
    private static partial Regex Controls();
}
