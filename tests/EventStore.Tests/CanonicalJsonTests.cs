using Mrv.EventStore.Serialization;

namespace Mrv.EventStore.Tests;

/// <summary>The hash covers data in PostgreSQL's jsonb text form; our writer must produce exactly that.</summary>
public sealed class CanonicalJsonTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    public static TheoryData<string> Documents => new()
    {
        """{"b": 1, "a": 2, "aa": 3, "B": 4}""",
        """{"dup": 1, "dup": 2}""",
        """[1.50, 1e2, 1.5E-5, -0, -0.0, 0.001e3, 123e-2, 1.50e1, 12345678901234567890.123456789, -7]""",
        """{"text": "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u0007 del \u007f", "zh": "内蒙古自治区发展和改革委员会", "emoji": "\ud83c\udf32"}""",
        """{"nested": {"z": [], "y": {}, "x": [{"k": null, "j": true, "i": false}]}, "empty": ""}""",
        """  { "spaced"  :  [ 1 ,2 , 3 ] }  """,
        """ "just a string" """,
        """-12.3400""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task canonical_json_is_what_postgresql_prints_for_jsonb(string json)
    {
        await using var command = store.AppDataSource.CreateCommand("select $1::jsonb::text");
        command.Parameters.Add(new() { Value = json });
        var postgres = (string)(await command.ExecuteScalarAsync())!;

        CanonicalJson.Canonicalize(json).ShouldBe(postgres);
    }

    [Fact]
    public async Task a_thousand_random_documents_come_out_as_postgresql_prints_them()
    {
        var random = new Random(20261121);
        var documents = Enumerable.Range(0, 1000).Select(_ => RandomValue(random, depth: 0)).ToArray();

        await using var command = store.AppDataSource.CreateCommand("select d::jsonb::text from unnest($1::text[]) with ordinality as t(d, n) order by n");
        command.Parameters.Add(new() { Value = documents });
        await using var reader = await command.ExecuteReaderAsync();
        for (var i = 0; await reader.ReadAsync(); i++)
        {
            CanonicalJson.Canonicalize(documents[i]).ShouldBe(reader.GetString(0), documents[i]);
        }
    }

    // Contents of JSON strings as they appear between the quotes, escapes included.
    static readonly string[] Keys =
        ["a", "b", "aa", "ab", "B", "年份", "排放量", "key", """k\"ey""", """tab\tkey""", "é", "zz", "amountTco2", """\u00e9"""];
    static readonly string[] Strings =
    [
        "", "plain", "内蒙古", """quote \" in""", """back \\ slash""", """line\nbreak""", """\u0001\u001f ctl""", """\u00e9 escaped""",
        "/ slash", """\ud83c\udf32 tree""", """\u007f del""", """\b\f\r\t""", """\/ escaped slash""",
    ];
    static readonly string[] Numbers =
        ["0", "-0", "-0.0", "7", "-12", "3.1400", "1e3", "1E-3", "-2.5e+2", "123456789012345678901234567890", "0.000001", "1.0e0", "9.99E1", "-0e5"];

    static string RandomValue(Random random, int depth)
    {
        var kind = depth >= 3 ? random.Next(4) : random.Next(6);
        return kind switch
        {
            0 => $"\"{Strings[random.Next(Strings.Length)]}\"",
            1 => Numbers[random.Next(Numbers.Length)],
            2 => random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
            3 => $"\"{Strings[random.Next(Strings.Length)]}{random.Next(100)}\"",
            4 => "[" + string.Join(random.Next(2) == 0 ? "," : " , ", Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(5))
                .Select(_ => $"\"{Keys[random.Next(Keys.Length)]}\" : {RandomValue(random, depth + 1)}")) + "}",
        };
    }

    [Fact]
    public void a_nul_character_is_refused_before_it_reaches_the_database()
    {
        Should.Throw<System.Text.Json.JsonException>(() => CanonicalJson.Canonicalize("""{"a": "x\u0000y"}"""));
    }
}
