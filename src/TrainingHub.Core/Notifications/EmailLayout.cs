using System.Text;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Notifications;

/// <summary>What a message says, independent of format: the layout turns it into HTML and a complete text version.</summary>
public sealed record EmailContent(string Subject, string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<(string Label, string Value)> Facts, string? LinkText = null, string? LinkUrl = null)
{
    /// <summary>A calendar invitation or cancellation to attach as an .ics file, or null.</summary>
    public CalendarInvite? Calendar { get; init; }
}

/// <summary>Subject, HTML and text of one email.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text)
{
    /// <summary>Files the template itself produces (the .ics invitation); files named by the payload come from attachment sources.</summary>
    public IReadOnlyList<EmailAttachment>? Attachments { get; init; }
}

/// <summary>Plain, accessible HTML (lang attribute, headings, a definition list, no images) and the same content as text.</summary>
public static class EmailLayout
{
    public static RenderedEmail Render(EmailContent c, string language, string? footer, (string Text, string Url)? unsubscribe = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Enc(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Enc(c.Subject)).Append("</title>\n</head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em\">\n")
            .Append("<h1 style=\"font-size:1.3em\">").Append(Enc(c.Heading)).Append("</h1>\n");
        foreach (var p in c.Paragraphs)
        {
            html.Append("<p>").Append(Enc(p)).Append("</p>\n");
        }

        if (c.Facts.Count > 0)
        {
            html.Append("<dl>\n");
            foreach (var (label, value) in c.Facts)
            {
                html.Append("<dt style=\"font-weight:bold\">").Append(Enc(label)).Append("</dt><dd>").Append(Enc(value)).Append("</dd>\n");
            }

            html.Append("</dl>\n");
        }

        if (c.LinkUrl is not null)
        {
            html.Append("<p><a href=\"").Append(Enc(c.LinkUrl)).Append("\">").Append(Enc(c.LinkText ?? c.LinkUrl)).Append("</a></p>\n");
        }

        if (footer is not null)
        {
            html.Append("<hr>\n<p style=\"font-size:0.85em;color:#555\">").Append(Enc(footer)).Append("</p>\n");
        }

        if (unsubscribe is { } u)
        {
            html.Append("<p style=\"font-size:0.85em;color:#555\">").Append(Enc(u.Text)).Append(" <a href=\"").Append(Enc(u.Url)).Append("\">")
                .Append(Enc(u.Url)).Append("</a></p>\n");
        }

        html.Append("</body>\n</html>\n");

        var text = new StringBuilder();
        text.Append(c.Heading).Append("\n\n");
        foreach (var p in c.Paragraphs)
        {
            text.Append(p).Append("\n\n");
        }

        foreach (var (label, value) in c.Facts)
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
        }

        if (c.LinkUrl is not null)
        {
            text.Append('\n').Append(c.LinkText ?? "").Append(c.LinkText is null ? "" : ": ").Append(c.LinkUrl).Append('\n');
        }

        if (footer is not null)
        {
            text.Append("\n--\n").Append(footer).Append('\n');
        }

        if (unsubscribe is { } t)
        {
            text.Append(t.Text).Append(' ').Append(t.Url).Append('\n');
        }

        return new RenderedEmail(c.Subject, html.ToString(), text.ToString());
    }

    public static string Footer(string language) => language == Languages.English
        ? "TrainingHub — this is an automatic message; please do not reply."
        : "TrainingHub — esta é uma mensagem automática; não responda.";

    public static string UnsubscribeText(string language) => language == Languages.English
        ? "Optional message: to stop receiving messages like this one (enrolment and certificate messages keep coming), open"
        : "Mensagem opcional: para deixar de receber mensagens como esta (as de inscrição e certificados continuam), acesse";

    /// <summary>Escapes markup only; accented letters stay as they are (the body is UTF-8).</summary>
    private static string Enc(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
}
