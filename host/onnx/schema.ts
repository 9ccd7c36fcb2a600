// The part of the ONNX protobuf schema that Systole reads, as protobufjs parses it at run time (no generated code,
// no node-only imports: the same module runs in the browser). Written for Systole from the ONNX IR specification
// (message and field names and numbers as ONNX publishes them in onnx/onnx.proto3; they never change between IR
// versions). Fields left out here (docs, metadata, functions, training info, sparse initializers, typed weight
// arrays other than the integer ones) are skipped by the decoder without being copied, so weights cost nothing.
// The tests' encoder (tests/helpers/onnx.ts) writes models with this same schema.
import protobuf from 'protobufjs';

export const ONNX_SUBSET_PROTO = `
syntax = "proto3";
package onnx;

message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}

message OperatorSetIdProto {
  string domain = 1;
  int64 version = 2;
}

message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
  repeated SparseTensorProto sparse_initializer = 15;
}

message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string domain = 7;
}

message AttributeProto {
  enum AttributeType {
    UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; GRAPH = 5; FLOATS = 6; INTS = 7; STRINGS = 8;
    TENSORS = 9; GRAPHS = 10; SPARSE_TENSOR = 11; SPARSE_TENSORS = 12; TYPE_PROTO = 13; TYPE_PROTOS = 14;
  }
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
  AttributeType type = 20;
  string ref_attr_name = 21;
}

message StringStringEntryProto {
  string key = 1;
  string value = 2;
}

message TensorProto {
  enum DataLocation { DEFAULT = 0; EXTERNAL = 1; }
  repeated int64 dims = 1;
  int32 data_type = 2;
  repeated int32 int32_data = 5 [packed = true];
  repeated int64 int64_data = 7 [packed = true];
  string name = 8;
  bytes raw_data = 9;
  repeated StringStringEntryProto external_data = 13;
  DataLocation data_location = 14;
}

message SparseTensorProto {
  repeated int64 dims = 3;
}

message ValueInfoProto {
  string name = 1;
  TypeProto type = 2;
}

message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
  }
  repeated Dimension dim = 1;
}

message TypeProto {
  message Tensor {
    int32 elem_type = 1;
    TensorShapeProto shape = 2;
  }
  message Sequence { TypeProto elem_type = 1; }
  message Map { int32 key_type = 1; TypeProto value_type = 2; }
  message Optional { TypeProto elem_type = 1; }
  message SparseTensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  oneof value {
    Tensor tensor_type = 1;
    Sequence sequence_type = 4;
    Map map_type = 5;
    SparseTensor sparse_tensor_type = 8;
    Optional optional_type = 9;
  }
}
`;

let root: protobuf.Root | null = null;

/** The parsed schema's ModelProto type (parsed once). */
export function modelProtoType(): protobuf.Type {
  root ??= protobuf.parse(ONNX_SUBSET_PROTO, { keepCase: true }).root;
  return root.lookupType('onnx.ModelProto');
}

/** ONNX TensorProto.DataType values Systole names in messages and reads integer constants of. */
export const DATA_TYPES: Record<number, string> = {
  1: 'float', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
  10: 'float16', 11: 'double', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128', 16: 'bfloat16',
};
