#include "CPNGDecode.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

/// What the checks below return when they found nothing wrong.
enum { INTACT = 0 };

/// PNG's five row filters (PNG specification, section 9.2).
enum { FILTER_NONE = 0, FILTER_SUB = 1, FILTER_UP = 2, FILTER_AVERAGE = 3, FILTER_PAETH = 4 };

static uint32_t get32(const uint8_t *source) {
    return (uint32_t)source[0] << 24 | (uint32_t)source[1] << 16 | (uint32_t)source[2] << 8 | (uint32_t)source[3];
}

/// Eight 16-bit lanes, of which the first three hold one pixel's red, green and blue while the Paeth predictor is
/// worked out.
typedef int16_t lanes __attribute__((vector_size(16)));

/// The red, green and blue samples at `source` in the first three lanes.
static inline lanes load_rgb(const uint8_t *source) {
    lanes pixel = {source[0], source[1], source[2], 0, 0, 0, 0, 0};
    return pixel;
}

static inline lanes absolute(lanes value) {
    lanes negative = value < 0;
    return (negative & -value) | (~negative & value);
}

/// Undoes one row's filter for its red, green and blue samples into `row` (three bytes a pixel), given the row
/// above in the same layout (all zero for the first row). `line` is the filter type and then the filtered samples,
/// `bytes_per_pixel` (3 or 4) a pixel; an alpha sample is skipped, as every filter predicts a sample from samples
/// of its own channel only. The filter type is known to be one of PNG's five.
static inline void unfilter_row_rgb(uint8_t *row, const uint8_t *above, const uint8_t *line, size_t width,
                                    size_t bytes_per_pixel) {
    const uint8_t *filtered = line + 1;
    switch (line[0]) {
    case FILTER_NONE:
        if (bytes_per_pixel == 3) {
            memcpy(row, filtered, width * 3);
            return;
        }
        for (size_t x = 0; x < width; x++) {
            memcpy(row + x * 3, filtered + x * bytes_per_pixel, 3);
        }
        return;
    case FILTER_SUB:
        memcpy(row, filtered, 3);
        for (size_t x = 1; x < width; x++) {
            for (size_t sample = 0; sample < 3; sample++) {
                row[x * 3 + sample] = (uint8_t)(filtered[x * bytes_per_pixel + sample] + row[x * 3 - 3 + sample]);
            }
        }
        return;
    case FILTER_UP:
        for (size_t x = 0; x < width; x++) {
            for (size_t sample = 0; sample < 3; sample++) {
                row[x * 3 + sample] = (uint8_t)(filtered[x * bytes_per_pixel + sample] + above[x * 3 + sample]);
            }
        }
        return;
    case FILTER_AVERAGE:
        for (size_t sample = 0; sample < 3; sample++) {
            row[sample] = (uint8_t)(filtered[sample] + (above[sample] >> 1));
        }
        for (size_t x = 1; x < width; x++) {
            for (size_t sample = 0; sample < 3; sample++) {
                size_t index = x * 3 + sample;
                row[index] = (uint8_t)(filtered[x * bytes_per_pixel + sample] + ((row[index - 3] + above[index]) >> 1));
            }
        }
        return;
    default: {
        // Paeth, a pixel's three samples at once: each sample's predictor is the one of left (a), above (b) and
        // upper left (c) closest to a + b − c, ties going to a, then b.
        lanes left = {0};
        lanes upper_left = {0};
        for (size_t x = 0; x < width; x++) {
            lanes up = load_rgb(above + x * 3);
            lanes distance_left = absolute(up - upper_left);
            lanes distance_up = absolute(left - upper_left);
            lanes distance_corner = absolute(up - upper_left + left - upper_left);
            lanes take_left = (distance_left <= distance_up) & (distance_left <= distance_corner);
            lanes take_up = distance_up <= distance_corner;
            lanes predictor = (take_up & up) | (~take_up & upper_left);
            predictor = (take_left & left) | (~take_left & predictor);
            lanes pixel = (predictor + load_rgb(filtered + x * bytes_per_pixel)) & 255;
            row[x * 3] = (uint8_t)pixel[0];
            row[x * 3 + 1] = (uint8_t)pixel[1];
            row[x * 3 + 2] = (uint8_t)pixel[2];
            left = pixel;
            upper_left = up;
        }
        return;
    }
    }
}

/// The largest inflated image data this reader checks; larger files go to libvips unchecked.
static const size_t LARGEST_CHECKED_DATA = (size_t)256 << 20;

/// What a walk through the file found.
typedef struct {
    uint32_t width;
    uint32_t height;
    int bit_depth;
    int colour_type;
    int interlaced;
    /// The image data: one IDAT chunk's bytes in place, or all of them copied together into `joined`.
    const uint8_t *stream;
    size_t stream_length;
    uint8_t *joined;
} png_file;

/// Records why the file is damaged and returns BP_PNG_DAMAGED.
static int damaged(char *message, size_t capacity, const char *reason) {
    if (capacity > 0) {
        strncpy(message, reason, capacity - 1);
        message[capacity - 1] = '\0';
    }
    return BP_PNG_DAMAGED;
}

/// Bits per pixel of a valid bit depth and colour type pair (PNG specification, table 11.1), else 0.
static int bits_per_pixel(int bit_depth, int colour_type) {
    static const int channels_of_type[7] = {1, 0, 3, 1, 2, 0, 4};
    int channels = colour_type >= 0 && colour_type <= 6 ? channels_of_type[colour_type] : 0;
    int indexed_or_grey = colour_type == 0 || colour_type == 3;
    int depth_allowed = (bit_depth == 8) || (bit_depth == 16 && colour_type != 3) ||
                        (indexed_or_grey && (bit_depth == 1 || bit_depth == 2 || bit_depth == 4));
    return depth_allowed ? channels * bit_depth : 0;
}

/// Walks the chunks after the signature and collects the image data; ancillary chunks are skipped unread, as PNG
/// allows. Returns INTACT; BP_PNG_DAMAGED for a file cut short, a chunk after the header with an invalid length or
/// type, a critical chunk's CRC, image data interrupted by another chunk or followed by a critical one;
/// BP_PNG_DECLINED for anything else this reader leaves to libvips.
static int read_chunks(const uint8_t *data, size_t length, png_file *file, char *message, size_t capacity) {
    size_t position = 8;
    int idat_state = 0;
    size_t idat_total = 0;
    size_t first_idat = 0;
    int idat_chunks = 0;
    for (int chunk_index = 0;; chunk_index++) {
        if (length - position < 12) {
            return damaged(message, capacity, "the PNG file ends before its IEND chunk");
        }
        uint32_t chunk_length = get32(data + position);
        const uint8_t *type = data + position + 4;
        int well_formed = chunk_length <= 0x7fffffffu;
        for (int letter = 0; letter < 4; letter++) {
            uint8_t folded = type[letter] | 0x20;
            well_formed = well_formed && folded >= 'a' && folded <= 'z';
        }
        if (!well_formed) {
            return chunk_index == 0 ? BP_PNG_DECLINED
                                    : damaged(message, capacity, "a PNG chunk has an invalid length or type");
        }
        if (chunk_length > length - position - 12) {
            return damaged(message, capacity, "the PNG file ends inside a chunk");
        }
        const uint8_t *body = type + 4;
        int critical = (type[0] & 0x20) == 0;
        if (critical && libdeflate_crc32(0, type, chunk_length + 4) != get32(body + chunk_length)) {
            return damaged(message, capacity, "a critical PNG chunk fails its CRC check");
        }
        int is_idat = memcmp(type, "IDAT", 4) == 0;
        if (chunk_index == 0) {
            if (memcmp(type, "IHDR", 4) != 0 || chunk_length != 13 || get32(body) == 0 || get32(body) > 0x7fffffffu ||
                get32(body + 4) == 0 || get32(body + 4) > 0x7fffffffu || body[10] != 0 || body[11] != 0 ||
                body[12] > 1 || bits_per_pixel(body[8], body[9]) == 0) {
                return BP_PNG_DECLINED;
            }
            file->width = get32(body);
            file->height = get32(body + 4);
            file->bit_depth = body[8];
            file->colour_type = body[9];
            file->interlaced = body[12];
        } else if (is_idat) {
            if (idat_state == 2) {
                return damaged(message, capacity, "the PNG image data is interrupted by another chunk");
            }
            if (idat_state == 0) {
                first_idat = position;
            }
            idat_state = 1;
            idat_total += chunk_length;
            idat_chunks++;
        } else {
            if (idat_state == 1) {
                idat_state = 2;
            }
            if (memcmp(type, "IEND", 4) == 0) {
                if (chunk_length != 0 || idat_state == 0) {
                    return BP_PNG_DECLINED;
                }
                break;
            }
            if (critical && idat_state != 0) {
                return damaged(message, capacity, "a critical PNG chunk follows the image data");
            }
            if (critical && memcmp(type, "PLTE", 4) != 0) {
                return BP_PNG_DECLINED;
            }
        }
        position += 12 + (size_t)chunk_length;
    }
    if (idat_chunks == 1) {
        file->stream = data + first_idat + 8;
        file->stream_length = idat_total;
        return INTACT;
    }
    file->joined = malloc(idat_total > 0 ? idat_total : 1);
    if (file->joined == NULL) {
        return BP_PNG_DECLINED;
    }
    size_t filled = 0;
    for (size_t at = first_idat; filled < idat_total;) {
        uint32_t chunk_length = get32(data + at);
        memcpy(file->joined + filled, data + at + 8, chunk_length);
        filled += chunk_length;
        at += 12 + (size_t)chunk_length;
    }
    file->stream = file->joined;
    file->stream_length = idat_total;
    return INTACT;
}

/// The rows of one reduced image: PNG stores the whole image as one pass, an interlaced one as Adam7's seven.
typedef struct {
    size_t rows;
    size_t line_length;
} pass;

/// The passes of `file`'s image data, each row's filter byte included in its line length; returns how many.
static int passes_of(const png_file *file, pass passes[7]) {
    static const uint32_t first_x[7] = {0, 4, 0, 2, 0, 1, 0}, first_y[7] = {0, 0, 4, 0, 2, 0, 1};
    static const uint32_t step_x[7] = {8, 8, 4, 4, 2, 2, 1}, step_y[7] = {8, 8, 8, 4, 4, 2, 2};
    size_t bits = (size_t)bits_per_pixel(file->bit_depth, file->colour_type);
    if (!file->interlaced) {
        passes[0] = (pass){file->height, 1 + ((size_t)file->width * bits + 7) / 8};
        return 1;
    }
    int count = 0;
    for (int index = 0; index < 7; index++) {
        size_t columns =
            file->width > first_x[index] ? (file->width - first_x[index] + step_x[index] - 1) / step_x[index] : 0;
        size_t rows =
            file->height > first_y[index] ? (file->height - first_y[index] + step_y[index] - 1) / step_y[index] : 0;
        if (columns > 0 && rows > 0) {
            passes[count++] = (pass){rows, 1 + (columns * bits + 7) / 8};
        }
    }
    return count;
}

/// The bytes of all passes' lines, or 0 when they would exceed LARGEST_CHECKED_DATA (so no product can overflow).
static size_t checked_data_size(const pass *passes, int pass_count) {
    size_t total = 0;
    for (int index = 0; index < pass_count; index++) {
        if (passes[index].line_length > (LARGEST_CHECKED_DATA - total) / passes[index].rows) {
            return 0;
        }
        total += passes[index].rows * passes[index].line_length;
    }
    return total;
}

/// Inflates the image data into `lines` (`lines_length` bytes, what the header promises) and checks every row's
/// filter type. Returns INTACT, or BP_PNG_DAMAGED for a broken stream, less or more data than promised, bytes after
/// the stream or an unknown filter type.
static int inflate_lines(const png_file *file, const pass *passes, int pass_count, uint8_t *lines,
                         size_t lines_length, char *message, size_t capacity) {
    struct libdeflate_decompressor *decompressor = libdeflate_alloc_decompressor();
    if (decompressor == NULL) {
        return BP_PNG_DECLINED;
    }
    size_t consumed = 0;
    size_t produced = 0;
    enum libdeflate_result result = libdeflate_zlib_decompress_ex(
        decompressor, file->stream, file->stream_length, lines, lines_length, &consumed, &produced);
    libdeflate_free_decompressor(decompressor);
    if (result == LIBDEFLATE_INSUFFICIENT_SPACE) {
        return damaged(message, capacity, "the PNG image data runs past the last row");
    }
    if (result != LIBDEFLATE_SUCCESS) {
        return damaged(message, capacity, "the PNG image data is not a valid zlib stream");
    }
    if (produced != lines_length) {
        return damaged(message, capacity, "the PNG image data ends before the last row");
    }
    if (consumed != file->stream_length) {
        return damaged(message, capacity, "the PNG image data has bytes after its zlib stream");
    }
    const uint8_t *line = lines;
    for (int index = 0; index < pass_count; index++) {
        for (size_t row = 0; row < passes[index].rows; row++, line += passes[index].line_length) {
            if (line[0] > FILTER_PAETH) {
                return damaged(message, capacity, "a PNG row has an unknown filter type");
            }
        }
    }
    return INTACT;
}

/// Undoes the filters of an 8-bit RGB or RGBA image's `lines` into RGB samples at `pixels`, each row of `pixels`
/// the row above of the next; returns BP_PNG_DECODED, or BP_PNG_DECLINED when memory runs out.
static int unfilter_rgb(const png_file *file, const uint8_t *lines, uint8_t *pixels) {
    size_t width = file->width;
    uint8_t *zeros = calloc(width, 3);
    if (zeros == NULL) {
        return BP_PNG_DECLINED;
    }
    const uint8_t *above = zeros;
    size_t stride = width * (file->colour_type == 6 ? 4 : 3);
    for (size_t y = 0; y < file->height; y++) {
        uint8_t *row = pixels + y * width * 3;
        // Each call names the pixel size as a constant, so that the inlined row loops are built for it.
        if (file->colour_type == 6) {
            unfilter_row_rgb(row, above, lines + y * (stride + 1), width, 4);
        } else {
            unfilter_row_rgb(row, above, lines + y * (stride + 1), width, 3);
        }
        above = row;
    }
    free(zeros);
    return BP_PNG_DECODED;
}

int bp_png_decode_rgb8(const uint8_t *data, size_t length, int width, int height, uint8_t *pixels,
                       size_t capacity, char *message, size_t message_capacity) {
    static const uint8_t signature[8] = {137, 80, 78, 71, 13, 10, 26, 10};
    if (data == NULL || length < 8 || memcmp(data, signature, 8) != 0) {
        return BP_PNG_DECLINED;
    }
    png_file file = {0};
    int status = read_chunks(data, length, &file, message, message_capacity);
    pass passes[7];
    int pass_count = status == INTACT ? passes_of(&file, passes) : 0;
    size_t lines_length = checked_data_size(passes, pass_count);
    uint8_t *lines = NULL;
    if (status == INTACT) {
        lines = lines_length > 0 ? malloc(lines_length) : NULL;
        status = lines == NULL
                     ? BP_PNG_DECLINED
                     : inflate_lines(&file, passes, pass_count, lines, lines_length, message, message_capacity);
    }
    if (status == INTACT) {
        int readable = file.bit_depth == 8 && (file.colour_type == 2 || file.colour_type == 6) && !file.interlaced;
        int expected = pixels != NULL && file.width == (uint32_t)width && file.height == (uint32_t)height &&
                       capacity == (size_t)width * (size_t)height * 3;
        status = readable && expected ? unfilter_rgb(&file, lines, pixels) : BP_PNG_DECLINED;
    }
    free(lines);
    free(file.joined);
    return status;
}
