using System.Globalization;
using ApiSentinel.Bench.Adversarial.Inputs;

// apisentinel-adversarial list
//   one line per input: name, issue item, full size, commands, shape (tab-separated)
// apisentinel-adversarial generate NAME DIRECTORY [SIZE]
//   writes the input (full size unless SIZE) and prints the CLI arguments after the command, one per line
if (args is ["list"])
{
    foreach (var input in HostileInputs.All)
    {
        Console.WriteLine($"{input.Name}\t{input.IssueItem}\t{input.FullSize}\t{string.Join(',', input.Commands)}\t{input.Shape}");
    }
    return 0;
}
if (args.Length is 3 or 4 && args[0] == "generate")
{
    var input = HostileInputs.Named(args[1]);
    Directory.CreateDirectory(args[2]);
    var size = args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : input.FullSize;
    foreach (var argument in input.Write(args[2], size))
    {
        Console.WriteLine(argument);
    }
    return 0;
}
Console.Error.WriteLine("usage: apisentinel-adversarial list | generate NAME DIRECTORY [SIZE]");
return 2;
