/// The parts of ONNX Runtime's C ABI that Bookplate uses: the entry symbol, the version asked for, the positions
/// of the functions in the `OrtApi` table (which ONNX Runtime only ever appends to) and the enum values.
/// These are interface facts of `onnxruntime_c_api.h`; the table is read by position rather than redeclared.
#ifndef BOOKPLATE_ORTABI_H
#define BOOKPLATE_ORTABI_H

#include <stddef.h>
#include <stdint.h>

typedef struct OrtStatus OrtStatus;
typedef struct OrtEnv OrtEnv;
typedef struct OrtSession OrtSession;
typedef struct OrtSessionOptions OrtSessionOptions;
typedef struct OrtValue OrtValue;
typedef struct OrtMemoryInfo OrtMemoryInfo;
typedef struct OrtAllocator OrtAllocator;
typedef struct OrtRunOptions OrtRunOptions;
typedef struct OrtTensorTypeAndShapeInfo OrtTensorTypeAndShapeInfo;

/// The API version requested; every function used below exists since version 4 (1.4).
#define BP_ORT_API_VERSION 16

/// `OrtApiBase`, returned by the exported `OrtGetApiBase`.
typedef struct {
    const void *(*GetApi)(uint32_t version);
    const char *(*GetVersionString)(void);
} bp_ort_api_base;

/// Positions in the `OrtApi` function table.
enum {
    BP_ORT_GET_ERROR_MESSAGE = 2,
    BP_ORT_CREATE_ENV = 3,
    BP_ORT_CREATE_SESSION = 7,
    BP_ORT_RUN = 9,
    BP_ORT_CREATE_SESSION_OPTIONS = 10,
    BP_ORT_DISABLE_MEM_PATTERN = 17,
    BP_ORT_SET_SESSION_GRAPH_OPTIMIZATION_LEVEL = 23,
    BP_ORT_SET_INTRA_OP_NUM_THREADS = 24,
    BP_ORT_SET_INTER_OP_NUM_THREADS = 25,
    BP_ORT_SESSION_GET_INPUT_COUNT = 30,
    BP_ORT_SESSION_GET_OUTPUT_COUNT = 31,
    BP_ORT_SESSION_GET_INPUT_NAME = 36,
    BP_ORT_SESSION_GET_OUTPUT_NAME = 37,
    BP_ORT_CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE = 49,
    BP_ORT_GET_TENSOR_MUTABLE_DATA = 51,
    BP_ORT_GET_TENSOR_ELEMENT_TYPE = 60,
    BP_ORT_GET_DIMENSIONS_COUNT = 61,
    BP_ORT_GET_DIMENSIONS = 62,
    BP_ORT_GET_TENSOR_SHAPE_ELEMENT_COUNT = 64,
    BP_ORT_GET_TENSOR_TYPE_AND_SHAPE = 65,
    BP_ORT_CREATE_CPU_MEMORY_INFO = 69,
    BP_ORT_ALLOCATOR_FREE = 76,
    BP_ORT_GET_ALLOCATOR_WITH_DEFAULT_OPTIONS = 78,
    BP_ORT_RELEASE_ENV = 92,
    BP_ORT_RELEASE_STATUS = 93,
    BP_ORT_RELEASE_MEMORY_INFO = 94,
    BP_ORT_RELEASE_SESSION = 95,
    BP_ORT_RELEASE_VALUE = 96,
    BP_ORT_RELEASE_TENSOR_TYPE_AND_SHAPE_INFO = 99,
    BP_ORT_RELEASE_SESSION_OPTIONS = 100,
    BP_ORT_ADD_SESSION_CONFIG_ENTRY = 130,
};

/// Enum values used.
enum {
    BP_ORT_LOGGING_LEVEL_ERROR = 3,
    BP_ORT_TENSOR_FLOAT = 1,
    BP_ORT_ENABLE_ALL = 99,
    BP_ORT_ARENA_ALLOCATOR = 1,
    BP_ORT_MEM_TYPE_DEFAULT = 0,
};

typedef const char *(*bp_ort_get_error_message)(const OrtStatus *status);
typedef OrtStatus *(*bp_ort_create_env)(int level, const char *log_id, OrtEnv **out);
typedef OrtStatus *(*bp_ort_create_session)(const OrtEnv *env, const char *model_path,
                                            const OrtSessionOptions *options, OrtSession **out);
typedef OrtStatus *(*bp_ort_run)(OrtSession *session, const OrtRunOptions *run_options,
                                 const char *const *input_names, const OrtValue *const *inputs, size_t input_count,
                                 const char *const *output_names, size_t output_count, OrtValue **outputs);
typedef OrtStatus *(*bp_ort_create_session_options)(OrtSessionOptions **out);
typedef OrtStatus *(*bp_ort_session_options_setter)(OrtSessionOptions *options);
typedef OrtStatus *(*bp_ort_set_graph_optimization_level)(OrtSessionOptions *options, int level);
typedef OrtStatus *(*bp_ort_set_num_threads)(OrtSessionOptions *options, int threads);
typedef OrtStatus *(*bp_ort_session_get_count)(const OrtSession *session, size_t *out);
typedef OrtStatus *(*bp_ort_session_get_name)(const OrtSession *session, size_t index, OrtAllocator *allocator,
                                              char **out);
typedef OrtStatus *(*bp_ort_create_tensor_with_data)(const OrtMemoryInfo *info, void *data, size_t data_length,
                                                     const int64_t *shape, size_t rank, int element_type,
                                                     OrtValue **out);
typedef OrtStatus *(*bp_ort_get_tensor_mutable_data)(OrtValue *value, void **out);
typedef OrtStatus *(*bp_ort_get_tensor_element_type)(const OrtTensorTypeAndShapeInfo *info, int *out);
typedef OrtStatus *(*bp_ort_get_dimensions_count)(const OrtTensorTypeAndShapeInfo *info, size_t *out);
typedef OrtStatus *(*bp_ort_get_dimensions)(const OrtTensorTypeAndShapeInfo *info, int64_t *values, size_t length);
typedef OrtStatus *(*bp_ort_get_tensor_shape_element_count)(const OrtTensorTypeAndShapeInfo *info, size_t *out);
typedef OrtStatus *(*bp_ort_get_tensor_type_and_shape)(const OrtValue *value, OrtTensorTypeAndShapeInfo **out);
typedef OrtStatus *(*bp_ort_create_cpu_memory_info)(int allocator_type, int memory_type, OrtMemoryInfo **out);
typedef OrtStatus *(*bp_ort_allocator_free)(OrtAllocator *allocator, void *pointer);
typedef OrtStatus *(*bp_ort_get_allocator)(OrtAllocator **out);
typedef OrtStatus *(*bp_ort_add_session_config_entry)(OrtSessionOptions *options, const char *key, const char *value);
typedef void (*bp_ort_release)(void *object);

#endif
