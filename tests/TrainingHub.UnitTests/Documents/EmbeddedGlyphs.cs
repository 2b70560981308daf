using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace TrainingHub.UnitTests.Documents;

/// <summary>
/// The characters a page's embedded fonts can really draw. For each Unicode (Type0, Identity-H) font on the page, the
/// ToUnicode map says which glyph stands for which character, and the embedded TrueType subset (FontFile2) says whether
/// that glyph has an outline: its own contours, or components that all have one. A glyph the subset left empty, or a
/// composite whose components were left out, prints as nothing or as a bare base letter ("Nguyễn" as "Nguyen") while
/// the text still extracts correctly.
/// </summary>
public static partial class EmbeddedGlyphs
{
    public static IReadOnlySet<int> Drawable(byte[] pdf, int page)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var fonts = document.Pages[page - 1].Resources.Elements.GetDictionary("/Font")
            ?? throw new InvalidOperationException("The page has no fonts.");
        var drawable = new HashSet<int>();
        foreach (var item in fonts.Elements.Values)
        {
            var font = Resolve(item);
            if (font?.Elements.GetName("/Subtype") != "/Type0")
            {
                continue;
            }

            var descendant = Resolve(font.Elements.GetArray("/DescendantFonts")!.Elements[0])!;
            var identity = descendant.Elements["/CIDToGIDMap"] is null or PdfName { Value: "/Identity" };
            identity.ShouldBeTrue("glyph ids are the character ids (Identity-H with an identity CIDToGIDMap)");
            var file = Resolve(Resolve(descendant.Elements["/FontDescriptor"])!.Elements["/FontFile2"])
                ?? throw new InvalidOperationException("A Unicode font without an embedded TrueType program.");
            var glyphs = new TrueTypeGlyphs(file.Stream.UnfilteredValue);
            foreach (var (glyph, codePoint) in ToUnicode(Resolve(font.Elements["/ToUnicode"])!.Stream.UnfilteredValue))
            {
                if (glyphs.HasOutline(glyph))
                {
                    drawable.Add(codePoint);
                }
            }
        }

        return drawable;
    }

    private static PdfDictionary? Resolve(PdfItem? item) => (item is PdfReference reference ? reference.Value : item) as PdfDictionary;

    /// <summary>The glyph → character pairs of a ToUnicode CMap (bfchar and bfrange entries, one character each).</summary>
    private static IEnumerable<(int Glyph, int CodePoint)> ToUnicode(byte[] cmap)
    {
        var text = Encoding.ASCII.GetString(cmap);
        foreach (Match block in BfChar().Matches(text))
        {
            var hex = Hex().Matches(block.Groups[1].Value);
            for (var i = 0; i + 1 < hex.Count; i += 2)
            {
                yield return (Number(hex[i]), Character(hex[i + 1]));
            }
        }

        foreach (Match block in BfRange().Matches(text))
        {
            var hex = Hex().Matches(block.Groups[1].Value);
            for (var i = 0; i + 2 < hex.Count; i += 3)
            {
                var (low, high, first) = (Number(hex[i]), Number(hex[i + 1]), Character(hex[i + 2]));
                for (var glyph = low; glyph <= high; glyph++)
                {
                    yield return (glyph, first + glyph - low);
                }
            }
        }
    }

    private static int Number(Match hex) => int.Parse(hex.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static int Character(Match hex) => char.ConvertToUtf32(Encoding.BigEndianUnicode.GetString(Convert.FromHexString(hex.Groups[1].Value)), 0);

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRange();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>")]
    private static partial Regex Hex();

    /// <summary>The glyph table of a TrueType font program (head, maxp, loca and glyf; nothing else is needed).</summary>
    private sealed class TrueTypeGlyphs
    {
        private readonly byte[] font;
        private readonly int glyf;
        private readonly int[] loca;

        public TrueTypeGlyphs(byte[] font)
        {
            this.font = font;
            var tables = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < U16(4); i++)
            {
                var entry = 12 + (16 * i);
                tables[Encoding.ASCII.GetString(font, entry, 4)] = checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(entry + 8)));
            }

            var longOffsets = U16(tables["head"] + 50) == 1;
            var count = U16(tables["maxp"] + 4);
            glyf = tables["glyf"];
            loca = new int[count + 1];
            for (var i = 0; i <= count; i++)
            {
                loca[i] = longOffsets
                    ? checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(tables["loca"] + (4 * i))))
                    : 2 * U16(tables["loca"] + (2 * i));
            }
        }

        public bool HasOutline(int glyph)
        {
            if (glyph <= 0 || glyph >= loca.Length - 1 || loca[glyph + 1] <= loca[glyph])
            {
                return false;
            }

            var at = glyf + loca[glyph];
            var contours = (short)U16(at);
            if (contours >= 0)
            {
                return contours > 0;
            }

            // A composite: flags, component glyph, two arguments (bytes or words), then an optional scale or matrix.
            at += 10;
            while (true)
            {
                var flags = U16(at);
                if (!HasOutline(U16(at + 2)))
                {
                    return false;
                }

                at += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
                at += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0;
                if ((flags & 0x0020) == 0)
                {
                    return true;
                }
            }
        }

        private int U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at));
    }
}
