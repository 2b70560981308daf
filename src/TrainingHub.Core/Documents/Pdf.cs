using System.Reflection;
using PdfSharp.Fonts;
using QRCoder;

namespace TrainingHub.Core.Documents;

/// <summary>
/// What every PDF the application makes needs once per process: fonts. Linux gives PDFsharp no platform fonts, so the
/// Noto TTFs (npm @expo-google-fonts/noto-sans and noto-serif, embedded in this assembly at build time) are served by a
/// resolver; PDFsharp embeds the subsets it uses in each document. Families: "Noto Sans" (regular, bold, italic, bold
/// italic) and "Noto Serif" (regular, bold). Noto covers every Latin script (Latin Extended-A, -B and Additional:
/// Vietnamese, Polish, Turkish, Nordic…). Its Google Fonts build also draws each accented letter from a base glyph and
/// mark glyphs that are outlines themselves; PDFsharp's subsetter follows a composite glyph's components one level
/// deep only, so a font that nests composites (DejaVu's "ễ" is "e" + a composite of circumflex and tilde) prints the
/// bare letter: "Nguyễn" came out as "Nguyen".
/// </summary>
public static class Pdf
{
    public const string Sans = "Noto Sans";
    public const string Serif = "Noto Serif";

    private static readonly Lock Gate = new();
    private static bool ready;

    /// <summary>Call before the first XFont; cheap and safe to call every time.</summary>
    public static void EnsureReady()
    {
        if (Volatile.Read(ref ready))
        {
            return;
        }

        lock (Gate)
        {
            if (ready)
            {
                return;
            }

            GlobalFontSettings.FontResolver ??= new EmbeddedFonts();
            Volatile.Write(ref ready, true);
        }
    }

    /// <summary>A QR code as a PNG PDFsharp accepts (RGBA colours: the default 1-bit grey PNG is refused).</summary>
    public static byte[] QrPng(string text, int pixelsPerModule = 10)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule, [0, 0, 0, 255], [255, 255, 255, 255]);
    }

    private sealed class EmbeddedFonts : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            if (string.Equals(familyName, Serif, StringComparison.OrdinalIgnoreCase))
            {
                return new FontResolverInfo(bold ? "NotoSerif-Bold" : "NotoSerif-Regular", false, italic);
            }

            // Everything else (including PDFsharp's own defaults) is Noto Sans.
            var face = (bold, italic) switch
            {
                (true, true) => "NotoSans-BoldItalic",
                (true, false) => "NotoSans-Bold",
                (false, true) => "NotoSans-Italic",
                _ => "NotoSans-Regular",
            };
            return new FontResolverInfo(face);
        }

        public byte[]? GetFont(string faceName)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"fonts/{faceName}.ttf");
            if (stream is null)
            {
                return null;
            }

            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
