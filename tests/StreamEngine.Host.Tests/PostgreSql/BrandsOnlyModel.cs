using System.Globalization;
using System.Text;

namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>A model of brands alone, each matched by its own id as a word.</summary>
internal static class BrandsOnlyModel
{
    public static string Yaml(IEnumerable<string> brands)
    {
        var yaml = new StringBuilder("brands:\n");
        foreach (var brand in brands)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - id: {brand}\n    name: Brand {brand}\n    query: '{brand}'\n");
        }

        return yaml.ToString();
    }
}
