namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Maps a field name to what it says about its value. The name is split into lower-case words on snake, kebab,
/// dot, bracket and camelCase boundaries ("cardNumber", "card-number", "CARD_NUMBER", "user[cardNumber]" all give
/// card, number); long distinctive words ("password", "cardnumber") are then matched inside the joined words, short
/// ambiguous ones ("ssn", "cc", "pan", "tel") only as whole words so "classname" is not an SSN field.
/// Allocation-free: the words live on the stack.
/// </summary>
internal static class FieldNameClassifier
{
    private const int MaxChars = 64;
    private const int MaxWords = 16;

    public static FieldContext Classify(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return FieldContext.None;
        }

        Span<char> joined = stackalloc char[MaxChars];
        Span<int> wordStarts = stackalloc int[MaxWords + 1];
        var length = 0;
        var words = 0;
        var inWord = false;
        for (var i = 0; i < name.Length && length < MaxChars; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                inWord = false;
                continue;
            }

            var startsWord = !inWord;
            if (inWord && char.IsAsciiLetterUpper(c))
            {
                var previous = name[i - 1];
                // camelCase ("cardNumber") and the end of an acronym ("CCNumber" -> CC | Number).
                startsWord = char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous) ||
                             (char.IsAsciiLetterUpper(previous) && i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]));
            }

            if (startsWord)
            {
                if (words == MaxWords)
                {
                    break;
                }

                wordStarts[words++] = length;
            }

            joined[length++] = char.ToLowerInvariant(c);
            inWord = true;
        }

        wordStarts[words] = length;
        return Classify(new Words(joined[..length], wordStarts[..(words + 1)]));
    }

    private static FieldContext Classify(Words w)
    {
        if (w.Count == 0)
        {
            return FieldContext.None;
        }

        if (w.JoinedContains("secretaccesskey") || (w.Has("aws") && w.Has("secret")))
        {
            return FieldContext.AwsSecret;
        }

        if (w.JoinedContains("password") || w.JoinedContains("passwd") || w.JoinedContains("passphrase") ||
            w.JoinedContains("passcode") || w.Has("pwd") || w.Has("pin"))
        {
            return FieldContext.Password;
        }

        if (w.JoinedContains("secret") || w.JoinedContains("credential") || w.JoinedEndsWith("apikey") ||
            w.JoinedEndsWith("accesskey") || w.JoinedEndsWith("privatekey") || w.JoinedEndsWith("signingkey") ||
            w.JoinedEndsWith("encryptionkey") || w.JoinedEndsWith("masterkey"))
        {
            return FieldContext.Secret;
        }

        if (w.Has("ssn") || w.JoinedContains("socialsecurity"))
        {
            return FieldContext.Ssn;
        }

        if (w.Has("cvv") || w.Has("cvc") || w.Has("cvv2") || w.Has("cvc2") || w.Has("csc") ||
            w.JoinedContains("cardsecuritycode") || w.JoinedContains("cardverification"))
        {
            return FieldContext.CardSecurityCode;
        }

        if (w.JoinedContains("cardnumber") || w.JoinedContains("creditcard") || w.JoinedContains("debitcard") ||
            w.JoinedContains("cardno") || w.JoinedContains("cardnum") || w.JoinedContains("paymentcard") ||
            w.JoinedContains("primaryaccountnumber") || w.Has("cc") || w.Has("ccn") || w.Has("ccnum") ||
            w.Has("ccnumber") || w.Has("pan") || w.Last.SequenceEqual("card"))
        {
            return FieldContext.Card;
        }

        if (w.JoinedContains("iban"))
        {
            return FieldContext.Iban;
        }

        if (w.JoinedContains("email") || w.Has("mail"))
        {
            return FieldContext.Email;
        }

        if (w.JoinedContains("phone") || w.JoinedContains("mobile") || w.Has("tel") || w.Has("cell") ||
            w.Has("msisdn") || w.Has("fax"))
        {
            return FieldContext.Phone;
        }

        if (w.Has("dob") || w.JoinedContains("dateofbirth") || w.JoinedContains("birthdate") || w.JoinedContains("birthday"))
        {
            return FieldContext.DateOfBirth;
        }

        // Tokens: only when "token" is the last word (so "token_type", "token_expiry" are not), and not the
        // pagination/continuation tokens APIs hand out openly.
        if ((w.Last.SequenceEqual("token") || w.JoinedEndsWith("token") || w.Has("bearer")) &&
            !w.JoinedContains("page") && !w.JoinedContains("continuation") && !w.JoinedContains("cursor") &&
            !w.JoinedContains("sync"))
        {
            return FieldContext.Token;
        }

        return FieldContext.None;
    }

    /// <summary>Lower-cased words of a field name, concatenated, with their start offsets (plus one end sentinel).</summary>
    private readonly ref struct Words(ReadOnlySpan<char> joined, ReadOnlySpan<int> starts)
    {
        private readonly ReadOnlySpan<char> _joined = joined;
        private readonly ReadOnlySpan<int> _starts = starts;

        public int Count => _starts.Length - 1;

        public ReadOnlySpan<char> Last => _joined[_starts[Count - 1]..];

        public bool Has(string word)
        {
            for (var i = 0; i < Count; i++)
            {
                if (_joined[_starts[i].._starts[i + 1]].SequenceEqual(word))
                {
                    return true;
                }
            }

            return false;
        }

        public bool JoinedContains(string text) => _joined.Contains(text, StringComparison.Ordinal);

        public bool JoinedEndsWith(string text) => _joined.EndsWith(text, StringComparison.Ordinal);
    }
}
