#include "CONNXRuntime.h"
#include "OrtABI.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bp_ort_runtime {
    void *library;
    const void *const *api;
    OrtEnv *env;
};

struct bp_ort_session {
    bp_ort_runtime *runtime;
    OrtSession *session;
    char *input_name;
    char **output_names;
    size_t output_count;
};

#define API_FN(runtime, type, slot) ((type)(runtime)->api[(slot)])

static void set_message(char *message, size_t capacity, const char *text) {
    if (capacity == 0) {
        return;
    }
    snprintf(message, capacity, "%s", text ? text : "unknown error");
}

/// Copies the status's message into `message`, releases the status and returns -1; returns 0 for success.
static int check(bp_ort_runtime *runtime, OrtStatus *status, char *message, size_t capacity) {
    if (status == NULL) {
        return 0;
    }
    set_message(message, capacity, API_FN(runtime, bp_ort_get_error_message, BP_ORT_GET_ERROR_MESSAGE)(status));
    API_FN(runtime, bp_ort_release, BP_ORT_RELEASE_STATUS)(status);
    return -1;
}

int bp_ort_load(const char *library_path, bp_ort_runtime **out, char *message, size_t message_capacity) {
    void *library = dlopen(library_path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        set_message(message, message_capacity, dlerror());
        return -1;
    }
    const bp_ort_api_base *(*get_api_base)(void) = (const bp_ort_api_base *(*)(void))dlsym(library, "OrtGetApiBase");
    if (get_api_base == NULL) {
        set_message(message, message_capacity, "the library has no OrtGetApiBase symbol");
        dlclose(library);
        return -1;
    }
    const bp_ort_api_base *base = get_api_base();
    const void *api = base ? base->GetApi(BP_ORT_API_VERSION) : NULL;
    if (api == NULL) {
        set_message(message, message_capacity, "the library does not offer the requested API version");
        dlclose(library);
        return -1;
    }
    bp_ort_runtime *runtime = calloc(1, sizeof(bp_ort_runtime));
    if (runtime == NULL) {
        set_message(message, message_capacity, "out of memory");
        dlclose(library);
        return -1;
    }
    runtime->library = library;
    runtime->api = (const void *const *)api;
    if (check(runtime,
              API_FN(runtime, bp_ort_create_env, BP_ORT_CREATE_ENV)(BP_ORT_LOGGING_LEVEL_ERROR, "bookplate",
                                                                    &runtime->env),
              message, message_capacity) != 0) {
        free(runtime);
        dlclose(library);
        return -1;
    }
    *out = runtime;
    return 0;
}

static char *copy_name(bp_ort_runtime *runtime, const OrtSession *session, size_t index, int slot, char *message,
                       size_t capacity) {
    OrtAllocator *allocator = NULL;
    if (check(runtime, API_FN(runtime, bp_ort_get_allocator, BP_ORT_GET_ALLOCATOR_WITH_DEFAULT_OPTIONS)(&allocator),
              message, capacity) != 0) {
        return NULL;
    }
    char *name = NULL;
    if (check(runtime, API_FN(runtime, bp_ort_session_get_name, slot)(session, index, allocator, &name), message,
              capacity) != 0) {
        return NULL;
    }
    char *copy = strdup(name);
    API_FN(runtime, bp_ort_allocator_free, BP_ORT_ALLOCATOR_FREE)(allocator, name);
    return copy;
}

void bp_ort_session_release(bp_ort_session *session) {
    if (session == NULL) {
        return;
    }
    if (session->session != NULL) {
        API_FN(session->runtime, bp_ort_release, BP_ORT_RELEASE_SESSION)(session->session);
    }
    free(session->input_name);
    for (size_t index = 0; index < session->output_count; index++) {
        free(session->output_names ? session->output_names[index] : NULL);
    }
    free(session->output_names);
    free(session);
}

int bp_ort_session_create(bp_ort_runtime *runtime, const char *model_path, int intra_op_threads,
                          int inter_op_threads, int allow_spinning, bp_ort_session **out, char *message,
                          size_t message_capacity) {
    OrtSessionOptions *options = NULL;
    if (check(runtime, API_FN(runtime, bp_ort_create_session_options, BP_ORT_CREATE_SESSION_OPTIONS)(&options),
              message, message_capacity) != 0) {
        return -1;
    }
    // Beyond the defaults: worker threads stop spinning when a run returns (the rest of the photo's work needs the
    // cores at once), and no memory pattern (its one block for all intermediate tensors of u2netp costs ~200 MiB of
    // peak memory for no measurable speed; the arena still reuses freed tensors).
    int failed =
        check(runtime,
              API_FN(runtime, bp_ort_set_graph_optimization_level, BP_ORT_SET_SESSION_GRAPH_OPTIMIZATION_LEVEL)(
                  options, BP_ORT_ENABLE_ALL),
              message, message_capacity) ||
        check(runtime,
              API_FN(runtime, bp_ort_set_num_threads, BP_ORT_SET_INTRA_OP_NUM_THREADS)(options, intra_op_threads),
              message, message_capacity) ||
        check(runtime,
              API_FN(runtime, bp_ort_set_num_threads, BP_ORT_SET_INTER_OP_NUM_THREADS)(options, inter_op_threads),
              message, message_capacity) ||
        check(runtime,
              API_FN(runtime, bp_ort_add_session_config_entry, BP_ORT_ADD_SESSION_CONFIG_ENTRY)(
                  options, "session.intra_op.allow_spinning", allow_spinning ? "1" : "0"),
              message, message_capacity) ||
        check(runtime,
              API_FN(runtime, bp_ort_add_session_config_entry, BP_ORT_ADD_SESSION_CONFIG_ENTRY)(
                  options, "session.force_spinning_stop", "1"),
              message, message_capacity) ||
        check(runtime,
              API_FN(runtime, bp_ort_session_options_setter, BP_ORT_DISABLE_MEM_PATTERN)(options), message,
              message_capacity);
    bp_ort_session *session = NULL;
    if (!failed) {
        session = calloc(1, sizeof(bp_ort_session));
        if (session == NULL) {
            set_message(message, message_capacity, "out of memory");
            failed = 1;
        }
    }
    if (!failed) {
        session->runtime = runtime;
        failed = check(runtime,
                       API_FN(runtime, bp_ort_create_session, BP_ORT_CREATE_SESSION)(runtime->env, model_path,
                                                                                     options, &session->session),
                       message, message_capacity);
    }
    API_FN(runtime, bp_ort_release, BP_ORT_RELEASE_SESSION_OPTIONS)(options);
    size_t input_count = 0;
    if (!failed) {
        failed = check(runtime,
                       API_FN(runtime, bp_ort_session_get_count, BP_ORT_SESSION_GET_INPUT_COUNT)(session->session,
                                                                                                  &input_count),
                       message, message_capacity) ||
                 check(runtime,
                       API_FN(runtime, bp_ort_session_get_count, BP_ORT_SESSION_GET_OUTPUT_COUNT)(
                           session->session, &session->output_count),
                       message, message_capacity);
    }
    if (!failed && (input_count != 1 || session->output_count == 0)) {
        set_message(message, message_capacity, "the model must have exactly one input and at least one output");
        failed = 1;
    }
    if (!failed) {
        session->input_name =
            copy_name(runtime, session->session, 0, BP_ORT_SESSION_GET_INPUT_NAME, message, message_capacity);
        session->output_names = calloc(session->output_count, sizeof(char *));
        failed = session->input_name == NULL || session->output_names == NULL;
        for (size_t index = 0; !failed && index < session->output_count; index++) {
            session->output_names[index] = copy_name(runtime, session->session, index,
                                                     BP_ORT_SESSION_GET_OUTPUT_NAME, message, message_capacity);
            failed = session->output_names[index] == NULL;
        }
    }
    if (failed) {
        bp_ort_session_release(session);
        return -1;
    }
    *out = session;
    return 0;
}

int bp_ort_session_run(bp_ort_session *session, const float *input, size_t input_count, const int64_t *shape,
                       size_t rank, size_t output_index, float **values, size_t *value_count, int64_t *output_shape,
                       size_t output_shape_capacity, size_t *output_rank, char *message, size_t message_capacity) {
    bp_ort_runtime *runtime = session->runtime;
    if (output_index >= session->output_count) {
        set_message(message, message_capacity, "the model has no output at that index");
        return -1;
    }
    OrtMemoryInfo *memory = NULL;
    if (check(runtime,
              API_FN(runtime, bp_ort_create_cpu_memory_info, BP_ORT_CREATE_CPU_MEMORY_INFO)(
                  BP_ORT_ARENA_ALLOCATOR, BP_ORT_MEM_TYPE_DEFAULT, &memory),
              message, message_capacity) != 0) {
        return -1;
    }
    OrtValue *tensor = NULL;
    int failed = check(runtime,
                       API_FN(runtime, bp_ort_create_tensor_with_data, BP_ORT_CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE)(
                           memory, (void *)input, input_count * sizeof(float), shape, rank, BP_ORT_TENSOR_FLOAT,
                           &tensor),
                       message, message_capacity);
    OrtValue *output = NULL;
    if (!failed) {
        const char *input_names[1] = {session->input_name};
        const OrtValue *inputs[1] = {tensor};
        const char *output_names[1] = {session->output_names[output_index]};
        failed = check(runtime,
                       API_FN(runtime, bp_ort_run, BP_ORT_RUN)(session->session, NULL, input_names, inputs, 1,
                                                               output_names, 1, &output),
                       message, message_capacity);
    }
    OrtTensorTypeAndShapeInfo *info = NULL;
    if (!failed) {
        failed = check(runtime,
                       API_FN(runtime, bp_ort_get_tensor_type_and_shape, BP_ORT_GET_TENSOR_TYPE_AND_SHAPE)(output,
                                                                                                           &info),
                       message, message_capacity);
    }
    int element_type = 0;
    size_t dimensions = 0;
    size_t count = 0;
    if (!failed) {
        failed = check(runtime,
                       API_FN(runtime, bp_ort_get_tensor_element_type, BP_ORT_GET_TENSOR_ELEMENT_TYPE)(info,
                                                                                                       &element_type),
                       message, message_capacity) ||
                 check(runtime,
                       API_FN(runtime, bp_ort_get_dimensions_count, BP_ORT_GET_DIMENSIONS_COUNT)(info, &dimensions),
                       message, message_capacity) ||
                 check(runtime,
                       API_FN(runtime, bp_ort_get_tensor_shape_element_count, BP_ORT_GET_TENSOR_SHAPE_ELEMENT_COUNT)(
                           info, &count),
                       message, message_capacity);
    }
    if (!failed && (element_type != BP_ORT_TENSOR_FLOAT || dimensions > output_shape_capacity)) {
        set_message(message, message_capacity, "the model's output is not a float tensor of a supported rank");
        failed = 1;
    }
    if (!failed) {
        failed = check(runtime,
                       API_FN(runtime, bp_ort_get_dimensions, BP_ORT_GET_DIMENSIONS)(info, output_shape, dimensions),
                       message, message_capacity);
    }
    float *data = NULL;
    if (!failed) {
        failed = check(runtime,
                       API_FN(runtime, bp_ort_get_tensor_mutable_data, BP_ORT_GET_TENSOR_MUTABLE_DATA)(
                           output, (void **)&data),
                       message, message_capacity);
    }
    if (!failed) {
        *values = malloc(count * sizeof(float) + 1);
        if (*values == NULL) {
            set_message(message, message_capacity, "out of memory");
            failed = 1;
        } else {
            memcpy(*values, data, count * sizeof(float));
            *value_count = count;
            *output_rank = dimensions;
        }
    }
    if (info != NULL) {
        API_FN(runtime, bp_ort_release, BP_ORT_RELEASE_TENSOR_TYPE_AND_SHAPE_INFO)(info);
    }
    if (output != NULL) {
        API_FN(runtime, bp_ort_release, BP_ORT_RELEASE_VALUE)(output);
    }
    if (tensor != NULL) {
        API_FN(runtime, bp_ort_release, BP_ORT_RELEASE_VALUE)(tensor);
    }
    API_FN(runtime, bp_ort_release, BP_ORT_RELEASE_MEMORY_INFO)(memory);
    return failed ? -1 : 0;
}

void bp_ort_free(void *pointer) { free(pointer); }
