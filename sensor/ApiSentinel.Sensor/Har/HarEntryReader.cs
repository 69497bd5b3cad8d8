using System.Text.Json;
using ApiSentinel.Sensor.Capture;

namespace ApiSentinel.Sensor.Har;

/// <summary>
/// Streams the entries of a HAR file: a <see cref="Utf8JsonReader"/> over one buffer refilled from the stream
/// finds <c>log.entries</c> and hands each entry's bytes, whole, to a callback — then forgets them. Memory is the
/// largest entry (bounded by <see cref="MaxEntryBytes"/>), not the file: parsing an 84 MB HAR into one document
/// peaked at 344 MB. Everything outside <c>log.entries</c> (pages, creator, comments) is read past, token by token.
/// </summary>
internal sealed class HarEntryReader
{
    /// <summary>
    /// An entry larger than this (a recorded download, with its body as base64) is skipped and counted: the
    /// sensor inspects 64 KiB of a body anyway, and holding hundreds of MB for one entry is what streaming avoids.
    /// </summary>
    public const int MaxEntryBytes = 32 * 1024 * 1024;

    private const int InitialBuffer = 64 * 1024;

    // Utf8JsonReader needs a whole token in its buffer: past the entry bound, one JSON string may still need room
    // while its entry is being read past.
    private const int MaxBuffer = (2 * MaxEntryBytes) + InitialBuffer;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private readonly Stream _stream;
    private readonly string _name;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _length;
    private int _readerStart;
    private bool _final;
    private long _linesDiscarded;

    public HarEntryReader(Stream stream, string name)
    {
        _stream = stream;
        _name = name;
    }

    /// <summary>Entries over <see cref="MaxEntryBytes"/>, read past without being delivered.</summary>
    public long OversizedEntries { get; private set; }

    /// <summary>Array elements of <c>log.entries</c> that are not objects.</summary>
    public long MalformedEntries { get; private set; }

    /// <summary>Where the file stopped being valid JSON after some entries were read (a cut-off export), or null.</summary>
    public string? Damage { get; private set; }

    /// <summary>
    /// Calls <paramref name="onEntry"/> with each entry's JSON bytes (valid only during the call). Throws
    /// <see cref="CaptureException"/> when the file is not a HAR; damage after the first entry stops the read and
    /// is reported in <see cref="Damage"/>, keeping what was read.
    /// </summary>
    public void Read(EntryHandler onEntry)
    {
        Fill();
        SkipByteOrderMark();
        var state = new JsonReaderState(ReaderOptions);
        var delivered = 0L;
        var foundEntries = false;
        var scope = Scope.Root;
        var pendingProperty = Property.Other;
        var skipDepth = -1;
        var inEntry = false;
        var entryStart = 0;
        var entryTooLarge = false;
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_readerStart, _length - _readerStart), _final, state);
            try
            {
                while (reader.Read())
                {
                    var depth = reader.CurrentDepth;
                    var token = reader.TokenType;
                    if (skipDepth >= 0)
                    {
                        if (depth == skipDepth && token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                        {
                            skipDepth = -1;
                        }
                        continue;
                    }
                    if (inEntry)
                    {
                        if (depth == 3 && token == JsonTokenType.EndObject)
                        {
                            if (!entryTooLarge)
                            {
                                var end = _readerStart + (int)reader.BytesConsumed;
                                onEntry(_buffer.AsMemory(entryStart, end - entryStart));
                                delivered++;
                            }
                            inEntry = false;
                            entryTooLarge = false;
                        }
                        continue;
                    }
                    switch (scope)
                    {
                        case Scope.Root:
                            if (token != JsonTokenType.StartObject)
                            {
                                throw NotHar("no log.entries array");
                            }
                            scope = Scope.Document;
                            break;
                        case Scope.Document or Scope.Log when token == JsonTokenType.PropertyName:
                            pendingProperty = scope == Scope.Document && reader.ValueTextEquals("log"u8) ? Property.Log
                                : scope == Scope.Log && reader.ValueTextEquals("entries"u8) ? Property.Entries
                                : Property.Other;
                            break;
                        case Scope.Document or Scope.Log when token is JsonTokenType.EndObject:
                            scope = scope == Scope.Log ? Scope.Document : Scope.Done;
                            break;
                        case Scope.Document or Scope.Log:
                            if (pendingProperty == Property.Log && token == JsonTokenType.StartObject)
                            {
                                scope = Scope.Log;
                            }
                            else if (pendingProperty == Property.Entries && token == JsonTokenType.StartArray)
                            {
                                scope = Scope.Entries;
                                foundEntries = true;
                            }
                            else if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            {
                                skipDepth = depth;
                            }
                            pendingProperty = Property.Other;
                            break;
                        case Scope.Entries:
                            if (token == JsonTokenType.EndArray)
                            {
                                scope = Scope.Log;
                            }
                            else if (token == JsonTokenType.StartObject)
                            {
                                inEntry = true;
                                entryStart = _readerStart + (int)reader.TokenStartIndex;
                            }
                            else
                            {
                                MalformedEntries++;
                                if (token == JsonTokenType.StartArray)
                                {
                                    skipDepth = depth;
                                }
                            }
                            break;
                    }
                }
            }
            catch (JsonException e)
            {
                var where = $"invalid JSON at line {_linesDiscarded + (e.LineNumber ?? 0) + 1}";
                if (delivered == 0 && MalformedEntries == 0 && OversizedEntries == 0)
                {
                    throw NotHar(where);
                }
                Damage = where;
                return;
            }
            if (_final)
            {
                if (!foundEntries)
                {
                    throw NotHar("no log.entries array");
                }
                return;
            }
            state = reader.CurrentState;
            var consumed = _readerStart + (int)reader.BytesConsumed;
            if (inEntry && !entryTooLarge && consumed - entryStart > MaxEntryBytes)
            {
                entryTooLarge = true;
                OversizedEntries++;
            }
            // Keep the entry being read (it is delivered whole), else only what the reader has not consumed.
            var keep = inEntry && !entryTooLarge ? entryStart : consumed;
            Discard(keep);
            entryStart -= keep;
            _readerStart = consumed - keep;
            Fill();
        }
    }

    public delegate void EntryHandler(ReadOnlyMemory<byte> entry);

    private enum Scope { Root, Document, Log, Entries, Done }

    private enum Property { Other, Log, Entries }

    private CaptureException NotHar(string why) => new($"{_name}: not a HAR file ({why})");

    private void SkipByteOrderMark()
    {
        if (_buffer.AsSpan(0, _length).StartsWith("\uFEFF"u8))
        {
            _readerStart = 3;
        }
    }

    /// <summary>Drops the first <paramref name="count"/> bytes of the buffer.</summary>
    private void Discard(int count)
    {
        if (count <= 0)
        {
            return;
        }
        _linesDiscarded += _buffer.AsSpan(0, count).Count((byte)'\n');
        _buffer.AsSpan(count, _length - count).CopyTo(_buffer);
        _length -= count;
    }

    /// <summary>Reads more of the file, growing the buffer when it is full (up to <see cref="MaxBuffer"/>).</summary>
    private void Fill()
    {
        if (_length == _buffer.Length)
        {
            if (_buffer.Length >= MaxBuffer)
            {
                throw new CaptureException($"{_name}: a HAR value larger than {MaxBuffer / (1024 * 1024)} MiB cannot be read");
            }
            Array.Resize(ref _buffer, Math.Min(MaxBuffer, _buffer.Length * 2));
        }
        while (_length < _buffer.Length)
        {
            var n = _stream.Read(_buffer, _length, _buffer.Length - _length);
            if (n == 0)
            {
                _final = true;
                return;
            }
            _length += n;
        }
    }
}
