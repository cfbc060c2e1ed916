/// Bookplate's small C layer over ONNX Runtime's C API: loads the shared library at run time (dlopen) and
/// offers the few calls the pipeline needs with plain C types.
#ifndef BOOKPLATE_CONNXRUNTIME_H
#define BOOKPLATE_CONNXRUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A loaded ONNX Runtime library with its environment.
typedef struct bp_ort_runtime bp_ort_runtime;

/// An inference session for one model file.
typedef struct bp_ort_session bp_ort_session;

/// Loads the ONNX Runtime library at `library_path` and creates its environment; on failure returns non-zero
/// and writes the reason into `message`.
int bp_ort_load(const char *library_path, bp_ort_runtime **out, char *message, size_t message_capacity);

/// Opens a session for the model at `model_path` (0 threads: ONNX Runtime's default).
int bp_ort_session_create(bp_ort_runtime *runtime, const char *model_path, int intra_op_threads,
                          int inter_op_threads, int allow_spinning, bp_ort_session **out, char *message,
                          size_t message_capacity);

/// Runs the session on one float tensor and returns a malloc'd copy of output `output_index` (free it with
/// bp_ort_free) together with its shape.
int bp_ort_session_run(bp_ort_session *session, const float *input, size_t input_count, const int64_t *shape,
                       size_t rank, size_t output_index, float **values, size_t *value_count, int64_t *output_shape,
                       size_t output_shape_capacity, size_t *output_rank, char *message, size_t message_capacity);

/// Closes a session.
void bp_ort_session_release(bp_ort_session *session);

/// Frees memory returned by bp_ort_session_run.
void bp_ort_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
