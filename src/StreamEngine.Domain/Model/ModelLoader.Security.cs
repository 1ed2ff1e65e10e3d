using StreamEngine.Domain.Posts;
using StreamEngine.Domain.Threats;
using YamlDotNet.RepresentationModel;

namespace StreamEngine.Domain.Model;

public static partial class ModelLoader
{
    private sealed partial class Reader
    {
        /// <summary>
        /// The optional <c>security:</c> mapping: <c>handles</c> ("acme", or "x:acme" for one
        /// network), <c>names</c> (display names), <c>domains</c> and <c>executives</c>, each a list.
        /// </summary>
        private BrandIdentity? Security(YamlMappingNode item, string id)
        {
            if (!Present(item, "security", out var node))
            {
                return null;
            }

            if (node is not YamlMappingNode map)
            {
                Error(node, "'security' must be a mapping with handles, names, domains and executives");
                return null;
            }

            foreach (var key in map.Children.Keys)
            {
                if (key is not YamlScalarNode { Value: "handles" or "names" or "domains" or "executives" })
                {
                    Error(key, $"'{key}' is not one of handles, names, domains, executives");
                }
            }

            var handles = new List<OfficialHandle>();
            foreach (var handle in Texts(map, "handles"))
            {
                var text = handle.Value!.Trim();
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                var network = Network.Unknown;
                if (colon >= 0 && !NetworkNames.TryParse(text.AsSpan(0, colon), out network))
                {
                    Error(handle, $"'{text[..colon]}' is not a network ({string.Join(", ", NetworkNames.Accepted)})");
                    continue;
                }

                var bare = Handles.Bare(text[(colon + 1)..]);
                if (bare.Length == 0 || bare.Any(char.IsWhiteSpace) || bare.StartsWith('@'))
                {
                    Error(handle, bare.StartsWith('@')
                        ? $"'{text}' is not a handle: write it with one '@' or none"
                        : $"'{text}' is not a handle");
                    continue;
                }

                handles.Add(new OfficialHandle(bare, network));
            }

            var domains = new List<string>();
            foreach (var domain in Texts(map, "domains"))
            {
                var text = domain.Value!.Trim();
                if (!text.Contains('.', StringComparison.Ordinal) || text.Contains("://", StringComparison.Ordinal) || text.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
                {
                    Error(domain, $"'{text}' is not a domain name (write acme.com, without scheme or path)");
                    continue;
                }

                domains.Add(text);
            }

            var names = Texts(map, "names").Select(n => n.Value!.Trim()).ToList();
            var executives = Texts(map, "executives").Select(n => n.Value!.Trim()).ToList();
            return new BrandIdentity(id, id, handles, names, domains, executives);
        }

        private List<YamlScalarNode> Texts(YamlMappingNode map, string key)
        {
            var result = new List<YamlScalarNode>();
            if (!Present(map, key, out var node))
            {
                return result;
            }

            if (node is not YamlSequenceNode seq)
            {
                Error(node, $"'{key}' must be a list");
                return result;
            }

            foreach (var entry in seq)
            {
                if (Text(entry) is { } scalar)
                {
                    result.Add(scalar);
                }
                else
                {
                    Error(entry, $"each entry of '{key}' must be a non-empty text");
                }
            }

            return result;
        }
    }
}
