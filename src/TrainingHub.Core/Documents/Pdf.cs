using System.Reflection;
using PdfSharp.Fonts;
using QRCoder;

namespace TrainingHub.Core.Documents;

/// <summary>
/// What every PDF the application makes needs once per process: fonts. Linux gives PDFsharp no platform fonts, so the
/// DejaVu TTFs (npm dejavu-fonts-ttf, embedded in this assembly at build time) are served by a resolver; PDFsharp embeds
/// the subsets it uses in each document. Families: "DejaVu Sans" (regular, bold,
/// italic, bold italic) and "DejaVu Serif" (regular, bold).
/// </summary>
public static class Pdf
{
    public const string Sans = "DejaVu Sans";
    public const string Serif = "DejaVu Serif";

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
                return new FontResolverInfo(bold ? "DejaVuSerif-Bold" : "DejaVuSerif", false, italic);
            }

            // Everything else (including PDFsharp's own defaults) is DejaVu Sans.
            var face = (bold, italic) switch
            {
                (true, true) => "DejaVuSans-BoldOblique",
                (true, false) => "DejaVuSans-Bold",
                (false, true) => "DejaVuSans-Oblique",
                _ => "DejaVuSans",
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
